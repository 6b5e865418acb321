package io.mailfleet.smtp;

import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.testing.ServiceHealthContract;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
class HealthTest extends ServiceHealthContract {

    @Override
    protected List<String> expectedReadinessChecks() {
        return List.of("Kafka", "Redis");
    }
}
