package io.mailfleet.infra;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresServerTest {

    @Test
    void servesSqlOverTcp() throws Exception {
        try (PostgresServer postgres = PostgresServer.ephemeral()) {
            postgres.start();
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, "");
                 ResultSet result = connection.createStatement().executeQuery("select version()")) {
                assertTrue(result.next());
                assertTrue(result.getString(1).startsWith("PostgreSQL "), result.getString(1));
            }
        }
    }
}
