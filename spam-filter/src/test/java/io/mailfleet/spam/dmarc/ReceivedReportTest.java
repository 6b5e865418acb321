package io.mailfleet.spam.dmarc;

import io.mailfleet.events.Direction;
import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Topics;
import io.mailfleet.infra.Await;
import io.mailfleet.spam.dns.TestDnsResource;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incoming aggregate reports end to end: a gzip report mailed to a hosted domain through mail.inbound, read back over
 * {@code GET /internal/v1/dmarc/reports}; the message itself is still scored; a resent report is stored once; a broken one
 * holds up nothing.
 */
@QuarkusTest
@TestProfile(ReceivedReportTest.ServiceToken.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TestDnsResource.class)
class ReceivedReportTest {

    /** Generated per run: no secret in the repository. */
    static final String TOKEN = UUID.randomUUID().toString();

    public static class ServiceToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mailfleet.internal.token", TOKEN);
        }
    }

    @Test
    void gzipReportMailedToAHostedDomainIsStoredOnceAndReadable() throws Exception {
        String domain = "hosted-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        byte[] report = IncomingReportSamples.gzip(IncomingReportSamples.report("Reporter Inc", "rep-1", domain)
                .getBytes(StandardCharsets.UTF_8));
        byte[] content = IncomingReportSamples.message("noreply@reporter.example", "dmarc@" + domain,
                new IncomingReportSamples.Attachment("application/gzip", "reporter.example!" + domain + "!1795737600!1795823999.xml.gz", report));
        String first = send(content, "t1");
        String resent = send(content, "t2");

        JsonPath body = awaitReports(domain);
        assertEquals(domain, body.getString("domain"));
        assertEquals("Reporter Inc", body.getString("reports[0].orgName"));
        assertEquals("rep-1", body.getString("reports[0].reportId"));
        assertEquals("2026-11-27T00:00:00Z", body.getString("reports[0].begin"));
        assertEquals("quarantine", body.getString("reports[0].policyPublished.p"));
        assertEquals(50, body.getInt("reports[0].policyPublished.pct"));
        assertEquals(2, body.getList("reports[0].records").size());
        assertEquals("192.0.2.10", body.getString("reports[0].records[0].sourceIp"));
        assertEquals(12, body.getInt("reports[0].records[0].count"));
        assertEquals("softfail", body.getString("reports[0].records[1].authResults[1].result"));
        assertTrue(Set.of(first, resent).contains(body.getString("reports[0].messageId")));

        // both copies were scored and delivered; the consumer has handled the resent one too, and stored nothing new
        awaitScored(Set.of(first, resent));
        String after = send(IncomingReportSamples.message("noreply@reporter.example", "dmarc@" + domain,
                new IncomingReportSamples.Attachment("application/gzip", "r2.xml.gz", IncomingReportSamples.gzip(
                        IncomingReportSamples.report("Reporter Inc", "rep-2", domain).getBytes(StandardCharsets.UTF_8)))), "t1");
        Await.until("the report sent after the resent copy", Duration.ofSeconds(30),
                () -> get(domain, null).then().extract().jsonPath().getList("reports").size() == 2);
        JsonPath both = get(domain, null).then().extract().jsonPath();
        assertEquals(List.of("rep-1", "rep-2"), both.getList("reports.reportId"));
        assertEquals(after, both.getString("reports[1].messageId"));
        // the resent copy went to another tenant: the report is theirs too, and nobody else's
        assertEquals(List.of("t1", "t2"), both.getList("reports[0].tenantIds"));
        assertEquals(List.of("t1"), both.getList("reports[1].tenantIds"));
        assertEquals(List.of("rep-1"), tenantReports(domain, "t2"));
        assertEquals(List.of("rep-1", "rep-2"), tenantReports(domain, "t1"));
        assertEquals(List.of(), tenantReports(domain, "t3"));
        // since= filters on the report period's end
        get(domain, "2026-11-28T00:00:00Z").then().statusCode(200).body("reports.size()", equalTo(0));
    }

    @Test
    void brokenReportsAndReportsToRemoteRecipientsAreSkippedAndTheMailStillFlows() throws Exception {
        String domain = "broken-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String bomb = send(IncomingReportSamples.message("noreply@reporter.example", "dmarc@" + domain,
                new IncomingReportSamples.Attachment("application/gzip", "bomb.xml.gz", IncomingReportSamples.gzip(new byte[48 << 20]))), "t1");
        String remote = send(IncomingReportSamples.message("noreply@reporter.example", "dmarc@" + domain,
                new IncomingReportSamples.Attachment("application/gzip", "r.xml.gz", IncomingReportSamples.gzip(
                        IncomingReportSamples.report("Reporter Inc", "rep-remote", domain).getBytes(StandardCharsets.UTF_8)))), null);
        String good = send(IncomingReportSamples.message("noreply@reporter.example", "dmarc@" + domain,
                new IncomingReportSamples.Attachment("text/xml", "r.xml",
                        IncomingReportSamples.report("Reporter Inc", "rep-good", domain).getBytes(StandardCharsets.UTF_8))), "t1");
        awaitScored(Set.of(bomb, remote, good));
        // the consumer reads the partition in order: once the good report is there, the two before it were handled
        JsonPath body = awaitReports(domain);
        assertEquals(List.of("rep-good"), body.getList("reports.reportId"));
    }

    @Test
    void serviceTokenIsRequired() {
        RestAssured.given().queryParam("domain", "hosted.example").get(ReceivedReportRoutes.PATH)
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        RestAssured.given().header("Authorization", "Bearer wrong-" + TOKEN).queryParam("domain", "hosted.example")
                .get(ReceivedReportRoutes.PATH).then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void badParametersAreProblems() {
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).get(ReceivedReportRoutes.PATH)
                .then().statusCode(400).contentType("application/problem+json").body("detail", equalTo("domain must be a domain name"));
        get("not a domain!", null).then().statusCode(400).contentType("application/problem+json");
        get("hosted.example", "yesterday").then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).queryParam("domain", "hosted.example").queryParam("limit", "0")
                .get(ReceivedReportRoutes.PATH).then().statusCode(400).contentType("application/problem+json");
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).queryParam("domain", "hosted.example").queryParam("tenant", " ")
                .get(ReceivedReportRoutes.PATH).then().statusCode(400).contentType("application/problem+json");
    }

    private static JsonPath awaitReports(String domain) {
        AtomicReference<JsonPath> body = new AtomicReference<>();
        Await.until("reports for " + domain + " over the API", Duration.ofSeconds(60), () -> {
            body.set(get(domain, null).then().statusCode(200).extract().jsonPath());
            return !body.get().getList("reports").isEmpty();
        });
        return body.get();
    }

    private static io.restassured.response.Response get(String domain, String since) {
        var request = RestAssured.given().header("Authorization", "Bearer " + TOKEN).queryParam("domain", domain);
        if (since != null) {
            request.queryParam("since", since);
        }
        return request.get(ReceivedReportRoutes.PATH);
    }

    private static List<Object> tenantReports(String domain, String tenant) {
        return RestAssured.given().header("Authorization", "Bearer " + TOKEN).queryParam("domain", domain).queryParam("tenant", tenant)
                .get(ReceivedReportRoutes.PATH).then().statusCode(200).extract().jsonPath().getList("reports.reportId");
    }

    /** Sends the message inbound to a local recipient of the tenant or, with no tenant, to a remote one; returns its id. */
    private static String send(byte[] content, String tenant) throws Exception {
        String id = UUID.randomUUID().toString();
        Recipient recipient = tenant != null ? Recipient.local("dmarc@hosted.example", tenant, "a1") : Recipient.remote("dmarc@remote.example");
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, id, Instant.now(), "mx.reporter.example", "198.51.100.20",
                null, null, null, "noreply@reporter.example", List.of(recipient), content.length, Direction.INBOUND, Map.of());
        Map<String, Object> config = new HashMap<>(KafkaLimits.producer());
        config.put("bootstrap.servers", KafkaResource.bootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(MailRecord.unscored(envelope, content).toProducerRecord(Topics.MAIL_INBOUND)).get();
        }
        return id;
    }

    private static void awaitScored(Set<String> ids) {
        Map<String, Object> config = new HashMap<>(KafkaLimits.consumer());
        config.put("bootstrap.servers", KafkaResource.bootstrapServers());
        config.put("group.id", "test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        Set<String> missing = new HashSet<>(ids);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(Topics.MAIL_SCORED));
            Await.until("scored " + ids, Duration.ofSeconds(60), () -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    missing.remove(record.key());
                }
                return missing.isEmpty();
            });
        }
    }
}
