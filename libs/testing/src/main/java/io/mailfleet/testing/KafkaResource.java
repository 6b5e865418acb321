package io.mailfleet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real Kafka broker (in-JVM KRaft) with every Mailfleet topic created and the large-message limits
 * applied. Use with {@code @QuarkusTestResource(KafkaResource.class)}.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped at JVM exit
    }

    /** For tests that talk to the broker directly. */
    public static String bootstrapServers() {
        return SharedInfrastructure.kafkaBootstrapServers();
    }
}
