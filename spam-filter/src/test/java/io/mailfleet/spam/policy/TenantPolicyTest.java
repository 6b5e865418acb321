package io.mailfleet.spam.policy;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Topics;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.dns.TestDnsResource;
import io.mailfleet.spam.support.MailTopics;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenant policies from auth-service (a stub of that peer on a real HTTP socket, {@link DirectoryStubResource}) applied
 * through the real broker and DNS server: sender block and allow lists, ipAllow skipping the DNSBL, the tenant's own
 * thresholds, and auth-service failing or hanging costing only the policy, never the message.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TestDnsResource.class)
@QuarkusTestResource(DirectoryStubResource.class)
class TenantPolicyTest {

    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static final String LISTED_IP = "192.0.2.77";

    private static String tenant;

    @BeforeAll
    static void publish() throws Exception {
        tenant = "policy-" + UUID.randomUUID();
        DirectoryStubResource.policy(tenant, """
                {"tenantId":"%s","ipAllow":["192.0.2.0/24","not-a-cidr"],"ipDeny":[],
                 "senderAllow":["friend@allowed.test","partner.test"],"senderBlock":["blocked.test"],
                 "spam":{"junk":1.0,"quarantine":null,"reject":null},"sending":{}}""".formatted(tenant));
        TestDnsResource.server().add(new ARecord(Name.fromString("77.2.0.192.bl.test."), DClass.IN, 300, InetAddress.getByName("127.0.0.2")));
        TestDnsResource.txt("partner.test", "v=spf1 ip4:198.51.100.0/24 -all");
        TestDnsResource.txt("_dmarc.partner.test", "v=DMARC1; p=reject");
    }

    @Test
    void blockedSenderIsRejectedForThatTenantOnly() throws Exception {
        String message = "From: Someone <someone@mail.blocked.test>\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <1@blocked.test>\r\nSubject: hello\r\n\r\nhi\r\n";
        Verdict verdict = score(tenant, "198.51.100.1", "bounce@elsewhere.test", message);
        assertEquals(Verdict.Action.REJECT, verdict.action(), verdict.toString());
        assertTrue(names(verdict).contains("TENANT_BLOCKLIST"));
        Verdict other = score("other-" + UUID.randomUUID(), "198.51.100.1", "bounce@elsewhere.test", message);
        assertEquals(Verdict.Action.DELIVER, other.action(), other.toString());
        assertFalse(names(other).contains("TENANT_BLOCKLIST"));
    }

    @Test
    void allowedSenderIsDeliveredUnlessMalwareOrDmarcFailure() throws Exception {
        Verdict gtube = score(tenant, "198.51.100.1", "friend@allowed.test",
                "From: Friend <friend@allowed.test>\r\nSubject: test\r\n\r\n" + GTUBE + "\r\n");
        assertTrue(names(gtube).containsAll(List.of("TENANT_ALLOWLIST", "GTUBE")), gtube.toString());
        assertEquals(Verdict.Action.DELIVER, gtube.action(), "an allowed sender reaches the inbox whatever the score");

        Verdict executable = score(tenant, "198.51.100.1", "friend@allowed.test", """
                From: friend@allowed.test\r
                Subject: tool\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain\r
                \r
                see attached\r
                --b\r
                Content-Type: application/octet-stream; name="setup.exe"\r
                Content-Disposition: attachment; filename="setup.exe"\r
                Content-Transfer-Encoding: base64\r
                \r
                TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\r
                --b--\r
                """);
        assertTrue(names(executable).contains("DANGEROUS_ATTACHMENT"), executable.toString());
        assertNotEquals(Verdict.Action.DELIVER, executable.action(), "malware is not let through by the allow list");

        // partner.test is allowed by domain, but this copy comes from outside its SPF and it publishes p=reject
        Verdict forged = score(tenant, "203.0.113.50", "ceo@partner.test", "From: CEO <ceo@partner.test>\r\nSubject: pay\r\n\r\nnow\r\n");
        assertTrue(names(forged).containsAll(List.of("TENANT_ALLOWLIST", "DMARC_FAIL_REJECT")), forged.toString());
        assertEquals(Verdict.Action.QUARANTINE, forged.action(), "DMARC failures are not let through by the allow list");
    }

    @Test
    void tenantThresholdsAndIpAllowApplyAndThePolicyIsCached() throws Exception {
        // MISSING_DATE + MISSING_MESSAGE_ID = 1.3: junk for a tenant whose own junk threshold is 1.0, not for the platform's 5
        String bare = "From: a@sender.test\r\nSubject: hi\r\n\r\nhello\r\n";
        Verdict strict = score(tenant, LISTED_IP, "a@sender.test", bare);
        String other = "other-" + UUID.randomUUID();
        Verdict platform = score(other, LISTED_IP, "a@sender.test", bare);
        assertTrue(names(platform).contains("DNSBL_BL_TEST"), "the client is listed: " + platform);
        assertFalse(names(strict).contains("DNSBL_BL_TEST"), "the tenant trusts 192.0.2.0/24: no DNSBL lookup; " + strict);
        assertEquals(Verdict.Action.JUNK, strict.action(), strict.toString());
        assertEquals(Verdict.Action.DELIVER, score(other, "198.51.100.1", "a@sender.test", bare).action());
        assertEquals(1, DirectoryStubResource.requests(other), "the policy is cached between messages");
    }

    @Test
    void authServiceFailingOrHangingCostsThePolicyNotTheMessage() throws Exception {
        String message = "From: a@sender.test\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <2@sender.test>\r\n"
                + "Subject: hi\r\n\r\nhello\r\n";
        for (String unavailable : List.of(DirectoryStubResource.BROKEN + "-" + UUID.randomUUID(), DirectoryStubResource.HANGING + "-" + UUID.randomUUID())) {
            long start = System.nanoTime();
            Verdict verdict = score(unavailable, "198.51.100.1", "a@sender.test", message);
            assertEquals(Verdict.Action.DELIVER, verdict.action(), unavailable + ": " + verdict);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15, "bounded by the policy timeout");
            assertTrue(DirectoryStubResource.requests(unavailable) >= 1, "auth-service was asked");
        }
    }

    private static Verdict score(String tenantId, String clientIp, String mailFrom, String message) throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] content = message.getBytes(StandardCharsets.US_ASCII);
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, id, Instant.now(), "client.example", clientIp, null, null,
                null, mailFrom, List.of(Recipient.local("user@" + tenantId + ".test", tenantId, "a")), content.length, Direction.INBOUND, Map.of());
        MailTopics.publishInbound(MailRecord.unscored(envelope, content));
        return MailRecord.from(MailTopics.awaitKey(Topics.MAIL_SCORED, id)).verdict();
    }

    private static List<String> names(Verdict verdict) {
        return verdict.symbols().stream().map(Verdict.Symbol::name).toList();
    }
}
