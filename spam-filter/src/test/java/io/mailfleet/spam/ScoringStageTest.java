package io.mailfleet.spam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailfleet.events.Direction;
import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailHeaders;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Topics;
import io.mailfleet.events.Verdict;
import io.mailfleet.infra.Await;
import io.mailfleet.spam.dmarc.AggregateReport;
import io.mailfleet.spam.dmarc.AggregateReportJob;
import io.quarkus.redis.datasource.RedisDataSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import io.mailfleet.spam.dmarc.AggregateReports;
import io.mailfleet.spam.dmarc.DmarcEvaluationStore;
import io.mailfleet.spam.dns.TestDnsResource;
import jakarta.inject.Inject;
import io.mailfleet.spam.support.MailTopics;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The filter stage through the real broker and a real DNS server: mail.inbound in, mail.scored (and dmarc.results) out. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TestDnsResource.class)
class ScoringStageTest {

    private static final String AUTHSERV_ID = "mx.mailfleet.local";

    @BeforeAll
    static void publishPolicies() throws Exception {
        TestDnsResource.txt("example.org", "v=spf1 ip4:192.0.2.0/24 -all");
        TestDnsResource.txt("_dmarc.example.org", "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.org");
        TestDnsResource.txt("_dmarc.shop.test", "v=DMARC1; p=quarantine; "
                + "rua=mailto:agg@shop.test,mailto:collector@thirdparty.test!10m,mailto:victim@unauthorized.test");
        TestDnsResource.txt("shop.test._report._dmarc.thirdparty.test", "v=DMARC1");
        TestDnsResource.server().timeout(Name.fromString("deadzone.example."));
        TestDnsResource.server().timeout(Name.fromString("_dmarc.deadzone.example."));
    }

    @Test
    void authenticatedMessageIsDeliveredWithResultsOnTopAndItsBytesIntact() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] content = ("From: Sender <sender@example.org>\r\nMessage-ID: <" + id + "@example.org>\r\nSubject: pipeline\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        MailEnvelope envelope = envelope(id, "192.0.2.1", "sender@example.org", content);
        send(MailRecord.unscored(envelope, content));

        MailRecord mail = MailRecord.from(MailTopics.awaitKey(Topics.MAIL_SCORED, id));
        String text = new String(mail.content(), StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("Authentication-Results: " + AUTHSERV_ID + ";\r\n"), text);
        assertTrue(text.contains("spf=pass"), text);
        assertTrue(text.contains("dkim=none"), text);
        assertTrue(text.contains("arc=none"), text);
        assertTrue(text.contains("dmarc=pass (p=reject dis=none) header.from=example.org"), text);
        assertFalse(text.contains("X-Spam-"), "X-Spam-* fields are delivery-worker's, per local mailbox: " + text);
        assertArrayEquals(content, Arrays.copyOfRange(mail.content(), mail.content().length - content.length, mail.content().length),
                "the original message must follow the added fields byte for byte");
        assertEquals(mail.content().length, mail.envelope().size());
        assertEquals(envelope.recipients(), mail.envelope().recipients());
        assertEquals(Verdict.Action.DELIVER, mail.verdict().action());
        assertTrue(symbols(mail).containsAll(List.of("SPF_PASS", "DMARC_PASS")), symbols(mail).toString());
        JsonNode dmarc = awaitDmarcResult(id);
        assertEquals("pass", dmarc.get("result").asText());
        assertEquals("example.org", dmarc.get("headerFrom").asText());
        assertEquals("192.0.2.1", dmarc.get("sourceIp").asText());
    }

    @Test
    void forgedFromUnderRejectPolicyIsQuarantinedAndRecorded() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] content = ("From: CEO <ceo@example.org>\r\nSubject: urgent wire transfer\r\n\r\npay now\r\n").getBytes(StandardCharsets.US_ASCII);
        send(MailRecord.unscored(envelope(id, "203.0.113.9", "bounce@sender.test", content), content));

        MailRecord mail = MailRecord.from(MailTopics.awaitKey(Topics.MAIL_SCORED, id));
        assertEquals(Verdict.Action.QUARANTINE, mail.verdict().action());
        assertTrue(symbols(mail).contains("DMARC_FAIL_REJECT"), symbols(mail).toString());
        assertTrue(new String(mail.content(), StandardCharsets.US_ASCII).contains("dmarc=fail (p=reject dis=reject) header.from=example.org"));
        JsonNode dmarc = awaitDmarcResult(id);
        assertEquals("fail", dmarc.get("result").asText());
        assertEquals("reject", dmarc.get("disposition").asText());
        assertEquals("mailto:dmarc-reports@example.org", dmarc.get("aggregateReportUris").get(0).asText());
    }

    @Inject
    AggregateReports reports;

    @Inject
    DmarcEvaluationStore store;

    @Test
    void evaluationsAreStoredOnceAndMakeTheDomainsAggregateReport() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] content = ("From: Billing <billing@example.org>\r\nSubject: invoice\r\n\r\npay\r\n").getBytes(StandardCharsets.US_ASCII);
        Instant begin = Instant.now().minusSeconds(60);
        send(MailRecord.unscored(envelope(id, "203.0.113.77", "x@other.test", content), content));
        JsonNode event = awaitDmarcResult(id);

        Instant end = Instant.now().plusSeconds(60);
        Await.until("the evaluation of " + id + " in schema dmarc", Duration.ofSeconds(30), () -> stored(id, begin, end) == 1);
        // a redelivered record is not counted twice
        store.store(new ObjectMapper().writeValueAsString(event)).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, stored(id, begin, end));

        AggregateReport report = reports.report("example.org", begin, end).await().atMost(Duration.ofSeconds(10)).orElseThrow();
        String xml = new String(report.xml(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<source_ip>203.0.113.77</source_ip>"), xml);
        assertTrue(xml.contains("<disposition>reject</disposition>"), xml);
        assertTrue(reports.report("nobody.example", begin, end).await().atMost(Duration.ofSeconds(10)).isEmpty());
    }

    private long stored(String messageId, Instant begin, Instant end) {
        return store.evaluations("example.org", begin, end).await().atMost(Duration.ofSeconds(10)).stream()
                .filter(e -> e.messageId().equals(messageId)).count();
    }

    @Inject
    AggregateReportJob reportJob;

    @Inject
    RedisDataSource redis;

    @Test
    void dailyJobSubmitsEachDomainsReportToItsVerifiedAddressesOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant begin = Instant.now().minusSeconds(60);
        byte[] content = ("From: shop@shop.test\r\nSubject: order\r\n\r\nthanks\r\n").getBytes(StandardCharsets.US_ASCII);
        send(MailRecord.unscored(envelope(id, "198.51.100.20", "shop@shop.test", content), content));
        Await.until("the shop.test evaluation in schema dmarc", Duration.ofSeconds(30), () -> !store.evaluations("shop.test", begin,
                Instant.now().plusSeconds(60)).await().atMost(Duration.ofSeconds(10)).isEmpty());

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        redis.key().del(AggregateReportJob.LOCK_PREFIX + today);
        int sent = reportJob.send(today).await().atMost(Duration.ofSeconds(30));
        assertTrue(sent >= 1, "reports sent: " + sent);
        assertEquals(0, reportJob.send(today).await().atMost(Duration.ofSeconds(30)), "the day is done once");

        MailRecord report = MailRecord.from(MailTopics.await(Topics.MAIL_INBOUND, record -> new String(record.value(), StandardCharsets.US_ASCII).contains("Subject: Report Domain: shop.test ")));
        assertEquals(Direction.SUBMISSION, report.envelope().direction());
        assertEquals(List.of("agg@shop.test", "collector@thirdparty.test"),
                report.envelope().recipients().stream().map(Recipient::address).toList(), "unauthorized third parties get nothing");
        String text = new String(report.content(), StandardCharsets.US_ASCII);
        String attachment = text.substring(text.indexOf("base64\r\n\r\n") + 10, text.lastIndexOf("\r\n--"));
        try (var gzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(java.util.Base64.getMimeDecoder().decode(attachment)))) {
            String xml = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("<domain>shop.test</domain>") && xml.contains("<source_ip>198.51.100.20</source_ip>"), xml);
        }
    }

    @Test
    void gtubeIsRejectedAndForgedResultsClaimingOurIdAreRemoved() throws Exception {
        String id = UUID.randomUUID().toString();
        String forged = "Authentication-Results: " + AUTHSERV_ID + ";\r\n\tspf=pass smtp.mailfrom=paypal.example\r\n";
        String foreign = "Authentication-Results: mx.elsewhere.example; spf=fail smtp.mailfrom=x.example\r\n";
        String rest = "From: spammer@example.org\r\nSubject: test\r\n\r\nXJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n";
        byte[] content = (foreign + forged + rest).getBytes(StandardCharsets.US_ASCII);
        send(MailRecord.unscored(envelope(id, "192.0.2.7", "spammer@example.org", content), content));

        MailRecord mail = MailRecord.from(MailTopics.awaitKey(Topics.MAIL_SCORED, id));
        assertEquals(Verdict.Action.REJECT, mail.verdict().action());
        assertTrue(symbols(mail).contains("GTUBE"));
        String text = new String(mail.content(), StandardCharsets.US_ASCII);
        assertFalse(text.contains("smtp.mailfrom=paypal.example"), "the forged field must be gone: " + text);
        assertTrue(text.endsWith(foreign + rest), "everything else stays byte for byte: " + text);
        assertTrue(mail.verdict().score() >= 5.0, "the verdict carries the score: " + mail.verdict());
    }

    @Test
    void deadDnsGivesTemperrorWithoutStallingThePipeline() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] content = ("From: someone@deadzone.example\r\nSubject: slow dns\r\n\r\nhi\r\n").getBytes(StandardCharsets.US_ASCII);
        send(MailRecord.unscored(envelope(id, "198.51.100.1", "someone@deadzone.example", content), content));

        MailRecord mail = MailRecord.from(MailTopics.awaitKey(Topics.MAIL_SCORED, id));
        String text = new String(mail.content(), StandardCharsets.US_ASCII);
        assertTrue(text.contains("spf=temperror"), text);
        assertTrue(text.contains("dmarc=temperror"), text);
        assertEquals(Verdict.Action.DELIVER, mail.verdict().action());
    }

    @Test
    void recordWithoutEnvelopeGoesToDeadLetterWithReason() throws Exception {
        String id = "poison-" + UUID.randomUUID();
        try (var producer = MailTopics.producer()) {
            producer.send(new ProducerRecord<>(Topics.MAIL_INBOUND, id, "no envelope".getBytes(StandardCharsets.US_ASCII))).get();
        }
        ConsumerRecord<String, byte[]> dead = MailTopics.awaitKey(Topics.MAIL_DEAD_LETTER, id);
        var reason = dead.headers().lastHeader("dead-letter-reason");
        assertTrue(reason != null && new String(reason.value(), StandardCharsets.UTF_8).contains(MailHeaders.ENVELOPE.name()),
                "dead-letter reason should name the missing header");
    }

    private static MailEnvelope envelope(String id, String clientIp, String mailFrom, byte[] content) {
        return new MailEnvelope(MailEnvelope.CURRENT_VERSION, id, Instant.now(), "client.example", clientIp, null, null, null, mailFrom,
                List.of(Recipient.local("alice@example.com", "t", "a")), content.length, Direction.INBOUND, Map.of());
    }

    private static List<String> symbols(MailRecord mail) {
        return mail.verdict().symbols().stream().map(Verdict.Symbol::name).toList();
    }

    private static void send(MailRecord record) throws Exception {
        try (var producer = MailTopics.producer()) {
            producer.send(record.toProducerRecord(Topics.MAIL_INBOUND)).get();
        }
    }

    /** dmarc.results is keyed by the policy domain; the message id is in the value. */
    private static JsonNode awaitDmarcResult(String messageId) throws Exception {
        Map<String, Object> config = new HashMap<>(KafkaLimits.consumer());
        config.put("bootstrap.servers", KafkaResource.bootstrapServers());
        config.put("group.id", "test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(Topics.DMARC_RESULTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    JsonNode value = new ObjectMapper().readTree(record.value());
                    if (messageId.equals(value.path("messageId").asText())) {
                        assertEquals(value.path("policyDomain").asText(), record.key());
                        return value;
                    }
                }
            }
        }
        return fail("no DMARC result for " + messageId + " within 30 s");
    }
}
