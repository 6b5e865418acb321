package io.mailfleet.smtp;

import io.mailfleet.events.MailRecord;
import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.InboundTopic;
import io.mailfleet.smtp.support.TestDnsServer;
import io.mailfleet.smtp.support.RawSmtpClient;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CIDR allow/deny lists and DNSBL lookups against a real (local) DNS server, with clients connecting from
 * different loopback addresses. One blocklist zone never answers: it must neither stall the greeting
 * nor hide the other zone's listing.
 */
@QuarkusTest
@TestProfile(ConnectionPolicyTest.Blocklists.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
class ConnectionPolicyTest {

    static final TestDnsServer DNS;

    static {
        try {
            DNS = new TestDnsServer(Map.of(
                    "2.0.0.127." + TestDnsServer.DNSBL_ZONE, "127.0.0.2",
                    "4.0.0.127." + TestDnsServer.DNSBL_ZONE, "127.0.0.2",
                    "mail.client.test", "127.0.0.8",
                    "forged.client.test", "192.0.2.1"), Map.of(
                    "8.0.0.127.in-addr.arpa", "mail.client.test",
                    "9.0.0.127.in-addr.arpa", "forged.client.test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class Blocklists implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mailfleet.dns.servers", "127.0.0.1:" + DNS.port(),
                    "mailfleet.dns.timeout", "500ms",
                    "mailfleet.smtp.policy.dnsbl.enabled", "true",
                    "mailfleet.smtp.policy.reverse-dns", "true",
                    "mailfleet.smtp.policy.dnsbl.zones", TestDnsServer.DEAD_ZONE + "," + TestDnsServer.DNSBL_ZONE,
                    "mailfleet.smtp.policy.dnsbl.timeout", "1s",
                    "mailfleet.smtp.policy.deny-cidrs", "127.0.0.3/32,10.0.0.0/8",
                    "mailfleet.smtp.policy.allow-cidrs", "127.0.0.4/32");
        }
    }

    @Inject
    SmtpListeners listeners;

    @Inject
    RedisDataSource redis;

    @Inject
    SmtpConfig config;

    @Test
    void listedClientIsRefusedAtRcptOnMxOnly() throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX), "127.0.0.2")) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<listed@remote.example>"), 250);
            var reply = expect(client.command("RCPT TO:<alice@example.test>"), 554);
            assertTrue(reply.text().startsWith("5.7.1") && reply.has("blocked using " + TestDnsServer.DNSBL_ZONE), reply.toString());
            assertTrue(expect(client.command("RCPT TO:<nobody@example.test>"), 554).text().startsWith("5.7.1"),
                    "refused before the recipient's existence is revealed");
        }
        assertEquals(TestDnsServer.DNSBL_ZONE, redis.value(String.class).get("smtp:dnsbl:127.0.0.2"), "the answer is cached");
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION), "127.0.0.2")) {
            expect(client.read(), 220);
        }
    }

    @Test
    void unlistedClientIsGreetedAndTheAnswerCached() throws IOException {
        long start = System.nanoTime();
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX), "127.0.0.5")) {
            expect(client.read(), 220);
        }
        assertTrue((System.nanoTime() - start) / 1_000_000 < 4_000, "the dead zone must not stall the greeting");
        assertEquals("-", redis.value(String.class).get("smtp:dnsbl:127.0.0.5"));
    }

    @Test
    void forwardConfirmedReverseDnsNameGoesIntoTheReceivedHeaderAndTheEnvelope() throws IOException {
        MailRecord confirmed = deliverFrom("127.0.0.8");
        assertEquals("from helo.example (mail.client.test [127.0.0.8])", receivedFrom(confirmed));
        assertEquals("mail.client.test", confirmed.envelope().clientHostname());
        MailRecord forged = deliverFrom("127.0.0.9");
        assertEquals("from helo.example ([127.0.0.9])", receivedFrom(forged), "PTR whose name does not point back");
        assertNull(forged.envelope().clientHostname(), "an unconfirmed name is never recorded");
        MailRecord unnamed = deliverFrom("127.0.0.10");
        assertEquals("from helo.example ([127.0.0.10])", receivedFrom(unnamed), "no PTR at all");
        assertNull(unnamed.envelope().clientHostname());
    }

    private static String receivedFrom(MailRecord record) {
        String content = new String(record.content(), StandardCharsets.UTF_8);
        return content.substring("Received: ".length(), content.indexOf("\r\n"));
    }

    private MailRecord deliverFrom(String clientIp) throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX), clientIp)) {
            expect(client.read(), 220);
            expect(client.command("EHLO helo.example"), 250);
            expect(client.command("MAIL FROM:<rdns@remote.example>"), 250);
            expect(client.command("RCPT TO:<alice@example.test>"), 250);
            expect(client.command("DATA"), 354);
            client.write("Subject: rdns\r\n\r\nbody\r\n.\r\n");
            String queueId = InboundTopic.queueId(client.read());
            return InboundTopic.await(queueId, Duration.ofSeconds(30));
        }
    }

    @Test
    void clientOverItsConnectionRateIsTurnedAway() throws IOException {
        long minute = java.time.Instant.now().getEpochSecond() / 60;
        for (long bucket = minute; bucket <= minute + 1; bucket++) { // the test may straddle a minute boundary
            redis.value(Long.class).set("smtp:rate:connections:127.0.0.6:" + bucket, (long) config.limits().connectionsPerIpPerMinute());
        }
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION), "127.0.0.6")) {
            var reply = expect(client.read(), 421);
            assertTrue(reply.text().startsWith("4.7.0"), reply.toString());
        }
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION), "127.0.0.7")) {
            expect(client.read(), 220);
        }
    }

    @Test
    void denyListRefusesEveryListenerAndAllowListWinsOverDnsbl() throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION), "127.0.0.3")) {
            var reply = expect(client.read(), 554);
            assertTrue(reply.has("access denied by policy"), reply.toString());
        }
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX), "127.0.0.4")) {
            expect(client.read(), 220);
        }
    }
}
