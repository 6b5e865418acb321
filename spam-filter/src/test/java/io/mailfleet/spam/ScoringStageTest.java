package io.mailfleet.spam;

import io.mailfleet.events.Direction;
import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailHeaders;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Topics;
import io.mailfleet.events.Verdict;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The pass-through stage through the real broker: mail.inbound in, mail.scored out. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
class ScoringStageTest {

    @Test
    void inboundRecordComesOutScoredWithItsBytesAndEnvelope() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] content = ("Message-ID: <" + id + "@example.com>\r\nSubject: pipeline\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, id, Instant.now(), "client.example",
                "192.0.2.1", null, null, "sender@example.org", List.of(Recipient.local("alice@example.com", "t", "a")),
                content.length, Direction.INBOUND, Map.of());
        try (var producer = producer()) {
            producer.send(MailRecord.unscored(envelope, content).toProducerRecord(Topics.MAIL_INBOUND)).get();
        }

        ConsumerRecord<String, byte[]> scored = awaitRecord(Topics.MAIL_SCORED, id);
        MailRecord mail = MailRecord.from(scored);
        assertEquals(envelope, mail.envelope());
        assertArrayEquals(content, mail.content());
        assertEquals(Verdict.empty(), mail.verdict());
    }

    @Test
    void recordWithoutEnvelopeGoesToDeadLetterWithReason() throws Exception {
        String id = "poison-" + UUID.randomUUID();
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.MAIL_INBOUND, id, "no envelope".getBytes(StandardCharsets.US_ASCII))).get();
        }
        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.MAIL_DEAD_LETTER, id);
        var reason = dead.headers().lastHeader("dead-letter-reason");
        assertTrue(reason != null && new String(reason.value(), StandardCharsets.UTF_8).contains(MailHeaders.ENVELOPE.name()),
                "dead-letter reason should name the missing header");
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(KafkaLimits.producer());
        config.put("bootstrap.servers", KafkaResource.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        Map<String, Object> config = new HashMap<>(KafkaLimits.consumer());
        config.put("bootstrap.servers", KafkaResource.bootstrapServers());
        config.put("group.id", "test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        return fail("no record with key " + key + " on " + topic + " within 30 s");
    }
}
