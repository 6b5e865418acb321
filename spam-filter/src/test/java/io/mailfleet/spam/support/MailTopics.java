package io.mailfleet.spam.support;

import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Topics;
import io.mailfleet.testing.KafkaResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /** Every record on the topic, from the beginning up to its end as it is now; fails if that takes over 30 s. */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(String topic) {
        Map<String, Object> config = new HashMap<>(KafkaLimits.consumer());
        config.put("bootstrap.servers", KafkaResource.bootstrapServers());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    fail(topic + " not read to its end within " + WAIT.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(250)).forEach(records::add);
            }
        }
        return records;
    }

    /** The text of every DMARC failure report (RFC 6591) on mail.inbound so far. */
    public static List<String> failureReportsSoFar() {
        return readToEnd(Topics.MAIL_INBOUND).stream().map(record -> new String(record.value(), StandardCharsets.ISO_8859_1))
                .filter(text -> text.contains("report-type=feedback-report")).toList();
    }
}
