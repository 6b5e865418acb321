package io.mailfleet.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server from the binaries in zonky's Maven artifacts. With a data directory the
 * data survives restarts (local stack); without one it lives in a temporary directory (tests).
 */
public final class PostgresServer implements ManagedServer {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final int port;
    private final Path dataDir;
    private EmbeddedPostgres postgres;

    public PostgresServer(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    public static PostgresServer ephemeral() {
        return new PostgresServer(FreePorts.next(), null);
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", dataDir == null ? "off" : "on");
            if (dataDir != null) {
                builder.setDataDirectory(dataDir.toFile()).setCleanDataDirectory(false);
            }
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new InfrastructureException("cannot start PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The URL form the Vert.x reactive client takes. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public synchronized void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new InfrastructureException("cannot stop PostgreSQL: " + e.getMessage(), e);
            } finally {
                postgres = null;
            }
        }
    }
}
