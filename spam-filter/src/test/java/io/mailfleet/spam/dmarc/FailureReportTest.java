package io.mailfleet.spam.dmarc;

import io.mailfleet.events.Direction;
import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Topics;
import io.mailfleet.spam.dns.TestDnsResource;
import io.mailfleet.spam.support.MailTopics;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 6591 failure reports through the real broker, DNS server and Redis: a forged message under a policy with ruf= gets a
 * report in ARF to the verified ruf= addresses only, through the submission path; fo=0 does not report a pass; the hourly
 * limit per domain holds.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TestDnsResource.class)
class FailureReportTest {

    /** mailfleet.spam.dmarc-reports.failure-reports-per-hour default. */
    private static final int PER_HOUR = 10;

    @BeforeAll
    static void publish() {
        TestDnsResource.txt("ruf.test", "v=spf1 ip4:198.51.100.0/24 -all");
        TestDnsResource.txt("_dmarc.ruf.test", "v=DMARC1; p=reject; ruf=mailto:forensic@ruf.test,mailto:victim@unauthorized.test");
        TestDnsResource.txt("flood.test", "v=spf1 -all");
        TestDnsResource.txt("_dmarc.flood.test", "v=DMARC1; p=none; ruf=mailto:forensic@flood.test");
    }

    @Test
    void forgedMessageIsReportedToTheVerifiedRufAddressInArf() throws Exception {
        String subject = "invoice " + UUID.randomUUID();
        send("203.0.113.66", "ceo@ruf.test", "From: CEO <ceo@ruf.test>\r\nSubject: " + subject + "\r\n\r\nsecret body\r\n");

        MailRecord report = awaitInbound(record -> text(record).contains("Subject: " + subject) && text(record).contains("feedback-report"));
        assertEquals(Direction.SUBMISSION, report.envelope().direction(), "through the normal submission path");
        assertEquals(List.of("forensic@ruf.test"), report.envelope().recipients().stream().map(Recipient::address).toList(),
                "an unauthorized third-party ruf= address gets nothing");
        String text = new String(report.content(), StandardCharsets.US_ASCII);
        assertTrue(text.contains("Content-Type: multipart/report; report-type=feedback-report;"), text);
        assertTrue(text.contains("Content-Type: message/feedback-report\r\n\r\nFeedback-Type: auth-failure\r\n"), text);
        assertTrue(text.contains("Auth-Failure: dmarc\r\n"), text);
        assertTrue(text.contains("Reported-Domain: ruf.test\r\n"), text);
        assertTrue(text.contains("Source-IP: 203.0.113.66\r\n"), text);
        assertTrue(text.contains("Identity-Alignment: none\r\n"), text);
        assertTrue(text.contains("dmarc=fail (p=reject dis=reject) header.from=ruf.test"), text);
        assertTrue(text.contains("Content-Type: text/rfc822-headers\r\n\r\nFrom: CEO <ceo@ruf.test>\r\n"), text);
        assertFalse(text.contains("secret body"), "the body of the failed message is not sent");
    }

    @Test
    void passingMailIsNotReportedUnderFoZero() throws Exception {
        String passing = "passing " + UUID.randomUUID();
        String failing = "failing " + UUID.randomUUID();
        send("198.51.100.9", "billing@ruf.test", "From: billing@ruf.test\r\nSubject: " + passing + "\r\n\r\nok\r\n");
        send("203.0.113.67", "billing@ruf.test", "From: billing@ruf.test\r\nSubject: " + failing + "\r\n\r\nforged\r\n");
        // a report is acknowledged by the broker before its message's scored record is written
        awaitRecord(Topics.MAIL_SCORED, record -> text(record).contains(passing));
        awaitRecord(Topics.MAIL_SCORED, record -> text(record).contains(failing));
        List<String> reports = MailTopics.failureReportsSoFar();
        assertTrue(reports.stream().anyMatch(report -> report.contains(failing)), "the DMARC failure is reported");
        assertTrue(reports.stream().noneMatch(report -> report.contains(passing)), "fo=0 reports DMARC failures only");
    }

    @Test
    void reportsPerDomainAndHourAreLimited() throws Exception {
        String campaign = UUID.randomUUID().toString();
        int messages = PER_HOUR + 3;
        for (int i = 0; i < messages; i++) {
            send("203.0.113.68", "x@flood.test", "From: x@flood.test\r\nSubject: flood " + campaign + " " + i + "\r\n\r\nspam\r\n");
        }
        for (int i = 0; i < messages; i++) {
            String subject = "flood " + campaign + " " + i + "\r\n";
            awaitRecord(Topics.MAIL_SCORED, record -> text(record).contains(subject));
        }
        long reports = MailTopics.failureReportsSoFar().stream().filter(report -> report.contains(campaign)).count();
        assertEquals(PER_HOUR, reports, "at most " + PER_HOUR + " failure reports per domain and hour");
    }

    private static void send(String clientIp, String mailFrom, String message) throws Exception {
        byte[] content = message.getBytes(StandardCharsets.US_ASCII);
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, UUID.randomUUID().toString(), Instant.now(), "client.example",
                clientIp, null, null, null, mailFrom, List.of(Recipient.local("user@hosted.test", "t", "a")), content.length,
                Direction.INBOUND, Map.of());
        Map<String, Object> config = new HashMap<>(KafkaLimits.producer());
        config.put("bootstrap.servers", KafkaResource.bootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(MailRecord.unscored(envelope, content).toProducerRecord(Topics.MAIL_INBOUND)).get();
        }
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.ISO_8859_1);
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        Map<String, Object> config = new HashMap<>(KafkaLimits.consumer());
        config.put("bootstrap.servers", KafkaResource.bootstrapServers());
        config.put("group.id", "test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        if (topic != null) {
            consumer.subscribe(Set.of(topic));
        }
        return consumer;
    }

    private static MailRecord awaitInbound(Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return MailRecord.from(awaitRecord(Topics.MAIL_INBOUND, wanted));
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        try (var consumer = consumer(topic)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (wanted.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within 30 s");
    }
}
