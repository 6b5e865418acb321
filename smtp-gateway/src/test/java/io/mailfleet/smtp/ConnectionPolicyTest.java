package io.mailfleet.smtp;

import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.DnsblServer;
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
import java.util.Set;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    static final DnsblServer DNS;

    static {
        try {
            DNS = new DnsblServer(Set.of("2.0.0.127", "4.0.0.127"));
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
                    "mailfleet.smtp.policy.dnsbl.zones", DnsblServer.DEAD_ZONE + "," + DnsblServer.ZONE,
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
    void listedClientIsRefusedOnMxOnly() throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX), "127.0.0.2")) {
            var reply = expect(client.read(), 554);
            assertTrue(reply.text().startsWith("5.7.1") && reply.has("blocked using " + DnsblServer.ZONE), reply.toString());
            assertTrue(client.closedByServer());
        }
        assertEquals(DnsblServer.ZONE, redis.value(String.class).get("smtp:dnsbl:127.0.0.2"), "the answer is cached");
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
