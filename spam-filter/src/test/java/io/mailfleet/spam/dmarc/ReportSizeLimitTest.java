package io.mailfleet.spam.dmarc;

import io.mailfleet.events.Direction;
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
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code !size} limits of rua=/ruf= URIs through the real broker, DNS server, PostgreSQL and Redis: a destination whose
 * limit a report exceeds gets nothing while the others still get it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TestDnsResource.class)
class ReportSizeLimitTest {

    /** Smaller than any report we compose (its header section alone is longer). */
    private static final int TOO_SMALL = 512;

    @Inject
    DmarcEvaluationStore store;

    @Inject
    AggregateReportJob reportJob;

    @BeforeAll
    static void publish() {
        TestDnsResource.txt("sizes.test", "v=spf1 -all");
        TestDnsResource.txt("_dmarc.sizes.test", "v=DMARC1; p=reject; ruf=mailto:tiny@sizes.test!" + TOO_SMALL
                + ",mailto:forensic@sizes.test,mailto:roomy@sizes.test!1m");
        TestDnsResource.txt("tinyonly.test", "v=spf1 -all");
        TestDnsResource.txt("_dmarc.tinyonly.test", "v=DMARC1; p=reject; ruf=mailto:tiny@tinyonly.test!1k");
    }

    @Test
    void aggregateReportSkipsTheDestinationItDoesNotFit() throws Exception {
        String domain = "agg-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Instant now = Instant.now();
        evaluated(domain, List.of("mailto:tiny@" + domain + "!" + TOO_SMALL, "mailto:agg@" + domain, "mailto:roomy@" + domain + "!10M"));

        assertTrue(reportJob.sendOne(domain, now.minusSeconds(3600), now.plusSeconds(3600)).await().atMost(Duration.ofSeconds(30)));
        MailRecord report = MailRecord.from(MailTopics.await(Topics.MAIL_INBOUND,
                record -> text(record).contains("Subject: Report Domain: " + domain + " ")));
        assertEquals(List.of("agg@" + domain, "roomy@" + domain), addresses(report), "the too-small destination gets nothing");
        assertTrue(report.content().length > TOO_SMALL, "the limit was really exceeded: " + report.content().length);
        assertFalse(text(report.content()).contains("tiny@"), "nor is it named in the report sent to the others");
    }

    @Test
    void aggregateReportThatFitsNoDestinationIsNotSentButAnErrorReportIs() throws Exception {
        String domain = "agg-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Instant now = Instant.now();
        evaluated(domain, List.of("mailto:tiny@" + domain + "!1k", "mailto:tiny2@" + domain + "!" + TOO_SMALL));
        assertFalse(reportJob.sendOne(domain, now.minusSeconds(3600), now.plusSeconds(3600)).await().atMost(Duration.ofSeconds(30)));

        // RFC 7489 §7.2.2: instead, a short error report naming the report and the URIs it could not go to
        MailRecord error = MailRecord.from(MailTopics.await(Topics.MAIL_INBOUND,
                record -> text(record).contains("Subject: DMARC error report for " + domain)));
        String body = text(error.content());
        assertTrue(body.contains("Report-Domain: " + domain + "\r\n"), body);
        assertTrue(body.contains("Submitting-URI: mailto:tiny@" + domain + "!1024\r\n"), body);
        assertTrue(body.contains("Submitting-URI: mailto:tiny2@" + domain + "!" + TOO_SMALL + "\r\n"), body);
        long reportSize = Long.parseLong(body.replaceAll("(?s).*Report-Size: (\\d+).*", "$1"));
        assertTrue(reportSize > 1024, "the report really was too large: " + reportSize);
        assertTrue(error.envelope().recipients().size() >= 1 && error.content().length <= 1024, "the error report itself fits");
        assertTrue(addresses(error).contains("tiny@" + domain), addresses(error).toString());
    }

    @Test
    void failureReportSkipsTheDestinationItDoesNotFit() throws Exception {
        String subject = "forged " + UUID.randomUUID();
        String unreported = "forged too " + UUID.randomUUID();
        send("203.0.113.80", "ceo@sizes.test", "From: ceo@sizes.test\r\nSubject: " + subject + "\r\n\r\npay now\r\n");
        String unreportedId = send("203.0.113.81", "ceo@tinyonly.test", "From: ceo@tinyonly.test\r\nSubject: " + unreported + "\r\n\r\npay\r\n");

        MailRecord report = MailRecord.from(MailTopics.await(Topics.MAIL_INBOUND,
                record -> text(record).contains("feedback-report") && text(record).contains("Subject: " + subject)));
        assertEquals(List.of("forensic@sizes.test", "roomy@sizes.test"), addresses(report));
        assertTrue(report.content().length > TOO_SMALL, "the limit was really exceeded: " + report.content().length);

        // a report is acknowledged by the broker before its message's scored record is written
        MailTopics.awaitKey(Topics.MAIL_SCORED, unreportedId);
        assertTrue(MailTopics.failureReportsSoFar().stream().noneMatch(text -> text.contains(unreported)),
                "a failure report that fits no ruf= destination is not sent");
    }

    private void evaluated(String domain, List<String> rua) throws Exception {
        DmarcEvaluationEvent event = new DmarcEvaluationEvent(DmarcEvaluationEvent.CURRENT_VERSION, UUID.randomUUID().toString(),
                Instant.now(), "192.0.2.44", domain, domain, "reject", null, 100, false, false, rua, List.of(), "fail", "reject",
                false, false, "bounce@" + domain, domain, "fail", List.of());
        store.store(DmarcEvaluationStore.JSON.writeValueAsString(event)).await().atMost(Duration.ofSeconds(10));
    }

    private static String send(String clientIp, String mailFrom, String message) throws Exception {
        byte[] content = message.getBytes(StandardCharsets.US_ASCII);
        String id = UUID.randomUUID().toString();
        MailTopics.publishInbound(MailRecord.unscored(new MailEnvelope(MailEnvelope.CURRENT_VERSION, id, Instant.now(), "client.example",
                clientIp, null, null, null, mailFrom, List.of(Recipient.local("user@hosted.test", "t", "a")), content.length,
                Direction.INBOUND, Map.of()), content));
        return id;
    }

    private static List<String> addresses(MailRecord record) {
        return record.envelope().recipients().stream().map(Recipient::address).toList();
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return text(record.value());
    }

    private static String text(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1);
    }
}
