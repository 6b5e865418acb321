package io.mailfleet.auth;

import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.KeycloakResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.mailfleet.testing.ServiceHealthContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** The resources declared here apply to every test class of the module (one application start for all). */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(TestSecretsResource.class)
@QuarkusTestResource(GeoIpDatabaseResource.class)
class HealthTest extends ServiceHealthContract {

    @Override
    protected List<String> expectedReadinessChecks() {
        return List.of("Kafka", "PostgreSQL", "Redis", "Keycloak realm");
    }
}
