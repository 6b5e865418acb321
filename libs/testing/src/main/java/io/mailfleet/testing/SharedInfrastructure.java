package io.mailfleet.testing;

import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.Topics;
import io.mailfleet.infra.KafkaBroker;
import io.mailfleet.infra.KeycloakServer;
import io.mailfleet.infra.ManagedServer;
import io.mailfleet.infra.PostgresServer;
import io.mailfleet.infra.RedisServer;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * One instance of each server per test JVM, started on first use and stopped at JVM exit.
 *
 * <p>Quarkus may load test resources in more than one class loader (one per test profile), so the
 * addresses are kept in system properties, which every class loader sees, and a second loader reuses
 * the running server instead of starting another.
 */
final class SharedInfrastructure {

    private static final String KAFKA = "mailfleet.test.kafka.bootstrap";
    private static final String POSTGRES = "mailfleet.test.postgres.url";
    private static final String REDIS = "mailfleet.test.redis.url";
    private static final String KEYCLOAK = "mailfleet.test.keycloak.url";
    private static final String KEYCLOAK_ADMIN_PASSWORD = "mailfleet.test.keycloak.admin-password";

    private SharedInfrastructure() {
    }

    static synchronized String kafkaBootstrapServers() {
        return startOnce(KAFKA, () -> {
            KafkaBroker broker = KafkaBroker.ephemeral(KafkaLimits.broker());
            start(broker);
            try (var admin = broker.admin()) {
                admin.createTopics(Topics.all().stream().map(topic -> new NewTopic(topic, 4, (short) 1)
                        .configs(Map.of("max.message.bytes", String.valueOf(KafkaLimits.MAX_RECORD_BYTES)))).toList()).all().get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("cannot create the Mailfleet topics", e);
            }
            return broker.bootstrapServers();
        });
    }

    /** The reactive URL, {@code postgresql://127.0.0.1:PORT/postgres}. */
    static synchronized String postgresUrl() {
        return startOnce(POSTGRES, () -> {
            PostgresServer postgres = PostgresServer.ephemeral();
            start(postgres);
            return postgres.reactiveUrl();
        });
    }

    static synchronized String redisUrl() {
        return startOnce(REDIS, () -> {
            RedisServer redis = RedisServer.ephemeral();
            start(redis);
            return redis.url();
        });
    }

    static synchronized String keycloakUrl() {
        return startOnce(KEYCLOAK, () -> {
            KeycloakServer keycloak = KeycloakServer.ephemeral();
            start(keycloak);
            System.setProperty(KEYCLOAK_ADMIN_PASSWORD, keycloak.adminPassword());
            return keycloak.url();
        });
    }

    static String keycloakAdminPassword() {
        keycloakUrl();
        return System.getProperty(KEYCLOAK_ADMIN_PASSWORD);
    }

    private static String startOnce(String property, Supplier<String> starter) {
        String running = System.getProperty(property);
        if (running != null) {
            return running;
        }
        String address = starter.get();
        System.setProperty(property, address);
        return address;
    }

    private static void start(ManagedServer server) {
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-" + server.name()));
    }
}
