package io.mailfleet.smtp.support;

import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Topics;
import io.mailfleet.testing.KafkaResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads what the gateway published to mail.inbound from the real broker. */
public final class InboundTopic {

    private InboundTopic() {
    }

    /** The record with key {@code queueId}, waiting for it up to {@code timeout}. */
    public static MailRecord await(String queueId, Duration timeout) {
        Map<String, Object> settings = new HashMap<>(KafkaLimits.consumer());
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "smtp-gateway-test-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.MAIL_INBOUND));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (queueId.equals(record.key())) {
                        return MailRecord.from(record);
                    }
                }
            }
        }
        throw new AssertionError("no record " + queueId + " on " + Topics.MAIL_INBOUND + " within " + timeout);
    }

    /** The queue id from {@code 250 2.0.0 Ok: queued as ID}. */
    public static String queueId(RawSmtpClient.Reply reply) {
        String text = reply.text();
        int at = text.lastIndexOf("queued as ");
        if (reply.code() != 250 || at < 0) {
            throw new AssertionError("not an acceptance: " + reply);
        }
        return text.substring(at + "queued as ".length()).trim();
    }
}
