package io.mailfleet.delivery.support;

import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Direction;
import io.mailfleet.events.Topics;
import io.mailfleet.events.Verdict;
import io.mailfleet.testing.KafkaResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** The test's side of the Kafka topics: produce to mail.scored, read what the worker produced. */
public final class MailTopics implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public MailTopics() {
        Map<String, Object> config = new HashMap<>(KafkaLimits.producer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public static MailEnvelope envelope(String messageId, String mailFrom, List<Recipient> recipients, long size) {
        return new MailEnvelope(MailEnvelope.CURRENT_VERSION, messageId, Instant.now(), "mx.example.org", "192.0.2.1", null, null,
                null, mailFrom, recipients, size, Direction.INBOUND, Map.of());
    }

    public static MailRecord scored(String messageId, byte[] content, Verdict verdict, Recipient... recipients) {
        return new MailRecord(envelope(messageId, "sender@example.org", List.of(recipients), content.length), content, verdict);
    }

    public static String uniqueId() {
        return UUID.randomUUID().toString();
    }

    public RecordMetadata send(MailRecord mail) {
        return send(mail.toProducerRecord(Topics.MAIL_SCORED));
    }

    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot produce to " + record.topic(), e);
        }
    }

    /** Sends without waiting for the broker; {@link #close()} flushes. */
    public void sendAsync(ProducerRecord<String, byte[]> record) {
        producer.send(record);
    }

    /** Every record on {@code topic} from the beginning whose key matches, read until {@code enough} holds or the deadline passes. */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<String> key,
                                                            Predicate<List<ConsumerRecord<String, byte[]>>> enough, Duration timeout) {
        Map<String, Object> config = new HashMap<>(KafkaLimits.consumer());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.test(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** Every record on {@code topic} with a matching key, up to the end of each partition as it is now. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic, Predicate<String> key) {
        Map<String, Object> config = new HashMap<>(KafkaLimits.consumer());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.test(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        producer.close();
    }
}
