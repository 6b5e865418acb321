package io.mailfleet.events;

import io.mailfleet.infra.KafkaBroker;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A maximum-size message through a real broker with the platform's limits and compression. */
class LargeMessageThroughBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.ephemeral(KafkaLimits.broker());
        broker.start();
        try (var admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(Topics.MAIL_INBOUND, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", String.valueOf(KafkaLimits.MAX_RECORD_BYTES))))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void a25MiBMessageRoundTripsByteIdentical() throws Exception {
        byte[] content = message(KafkaLimits.MAX_MESSAGE_BYTES);
        MailRecord sent = MailRecord.unscored(MailRecordTest.envelope("big-1"), content);
        try (var producer = producer()) {
            producer.send(sent.toProducerRecord(Topics.MAIL_INBOUND)).get();
        }
        MailRecord received = consumeOne(Topics.MAIL_INBOUND);
        assertEquals(sent.envelope(), received.envelope());
        assertArrayEquals(content, received.content());
    }

    @Test
    void aRecordBeyondTheLimitIsRefusedByTheProducerNotLost() {
        byte[] content = new byte[KafkaLimits.MAX_RECORD_BYTES + 1];
        try (var producer = producer()) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> producer
                    .send(MailRecord.unscored(MailRecordTest.envelope("too-big"), content).toProducerRecord(Topics.MAIL_INBOUND)).get());
            assertInstanceOf(RecordTooLargeException.class, failure.getCause());
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(KafkaLimits.producer());
        config.put("bootstrap.servers", broker.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static MailRecord consumeOne(String topic) {
        Map<String, Object> config = new HashMap<>(KafkaLimits.consumer());
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("group.id", "large-message-test");
        config.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals("big-1", record.key());
                    return MailRecord.from(record);
                }
            }
        }
        return fail("the 25 MiB record did not arrive within 60 s");
    }

    /** A realistic big message: headers, then base64 lines of random (incompressible) data with CRLF. */
    private static byte[] message(int size) {
        byte[] out = new byte[size];
        byte[] head = "From: a@example.com\r\nSubject: big\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, out, 0, head.length);
        byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(25);
        for (int i = head.length, column = 0; i < size; i++, column++) {
            if (column == 76 && i + 1 < size) {
                out[i++] = '\r';
                out[i] = '\n';
                column = -1;
            } else {
                out[i] = alphabet[random.nextInt(alphabet.length)];
            }
        }
        return out;
    }
}
