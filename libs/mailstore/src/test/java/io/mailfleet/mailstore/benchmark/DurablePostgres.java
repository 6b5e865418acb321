package io.mailfleet.mailstore.benchmark;

import io.mailfleet.infra.FreePorts;
import io.mailfleet.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A PostgreSQL with a data directory and therefore {@code fsync=on}, as in production: the shared test
 * server runs with fsync off, which would make commit-bound figures meaningless.
 */
public class DurablePostgres implements QuarkusTestResourceLifecycleManager {

    private PostgresServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = new PostgresServer(FreePorts.next(), Files.createTempDirectory("mailstore-benchmark"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start();
        return Map.of(
                "quarkus.datasource.reactive.url", server.reactiveUrl(),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
