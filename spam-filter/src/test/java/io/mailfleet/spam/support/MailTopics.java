package io.mailfleet.spam.support;

import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Topics;
import io.mailfleet.testing.KafkaResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** The spam filter's topics on the test broker: what the gateway would publish, and waiting for what the stage writes. */
public final class MailTopics {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private MailTopics() {
    }

    public static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(KafkaLimits.producer());
        config.put("bootstrap.servers", KafkaResource.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes a message to {@code mail.inbound} as smtp-gateway does, acknowledged by the broker. */
    public static void publishInbound(MailRecord mail) throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(mail.toProducerRecord(Topics.MAIL_INBOUND)).get();
        }
    }

    /** The record with this key on the topic, read from the beginning; fails after 30 s. */
    public static ConsumerRecord<String, byte[]> awaitKey(String topic, String key) {
        return await(topic, record -> key.equals(record.key()));
    }

    /** The first record on the topic, from the beginning, that is {@code wanted}; fails after 30 s. */
    public static ConsumerRecord<String, byte[]> await(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        Map<String, Object> config = new HashMap<>(KafkaLimits.consumer());
        config.put("bootstrap.servers", KafkaResource.bootstrapServers());
        config.put("group.id", "test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (wanted.test(record)) {
                        return record;
                    }
                }
            }
        }
        return fail("no such record on " + topic + " within " + WAIT.toSeconds() + " s");
    }
}
