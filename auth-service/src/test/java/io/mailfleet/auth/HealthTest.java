package io.mailfleet.auth;

import io.mailfleet.testing.ServiceHealthContract;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(InternalTokenResource.class)
class HealthTest extends ServiceHealthContract {

    @Override
    protected List<String> expectedReadinessChecks() {
        return List.of("Kafka", "PostgreSQL", "Redis");
    }
}
