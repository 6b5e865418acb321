package io.mailfleet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real PostgreSQL server, configured as the default reactive (and JDBC, for Flyway) datasource. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String url = SharedInfrastructure.postgresUrl();
        return Map.of(
                "quarkus.datasource.reactive.url", url,
                "quarkus.datasource.jdbc.url", "jdbc:" + url,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped at JVM exit
    }

    public static String reactiveUrl() {
        return SharedInfrastructure.postgresUrl();
    }
}
