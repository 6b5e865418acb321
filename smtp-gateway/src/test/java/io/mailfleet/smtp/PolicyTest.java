package io.mailfleet.smtp;

import io.mailfleet.smtp.policy.ConnectionLimiter;
import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.RawSmtpClient;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Daily message limits shared through the real Redis, and the connection limit per client IP. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
class PolicyTest {

    @Inject
    SmtpListeners listeners;

    @Inject
    RedisDataSource redis;

    @Inject
    ConnectionLimiter connections;

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    @Test
    void senderOverItsDailyLimitGets450AndOthersDoNot() throws IOException {
        // another replica already counted 500 messages from this sender today
        redis.value(Long.class).set("smtp:rate:sender:flood@remote.example:" + today(), 500L);
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX))) {
            client.greetingAndEhlo();
            assertTrue(expect(client.command("MAIL FROM:<flood@remote.example>"), 450).text().startsWith("4.7.1"));
            expect(client.command("MAIL FROM:<Calm@remote.example>"), 250);
        }
        long counted = redis.value(Long.class).get("smtp:rate:sender:calm@remote.example:" + today());
        assertTrue(counted == 1, "counted " + counted);
        assertTrue(redis.key().ttl("smtp:rate:sender:calm@remote.example:" + today()) > Duration.ofHours(24).toSeconds(),
                "counters expire on their own");
    }

    @Test
    void clientIpOverItsDailyLimitGets450() throws IOException {
        String key = "smtp:rate:ip:127.0.0.1:" + today();
        Long before = redis.value(Long.class).get(key);
        redis.value(Long.class).set(key, 500L);
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX))) {
            client.greetingAndEhlo();
            assertTrue(expect(client.command("MAIL FROM:<someone@remote.example>"), 450).text().startsWith("4.7.1"));
        } finally {
            redis.value(Long.class).set(key, before == null ? 0L : before);
        }
    }

    @Test
    void connectionsOverThePerIpLimitAreTurnedAway() throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.open() == 0);
        List<RawSmtpClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                RawSmtpClient client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION));
                open.add(client);
                expect(client.read(), 220);
            }
            try (var refused = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION))) {
                assertTrue(expect(refused.read(), 421).text().startsWith("4.7.0"));
                assertTrue(refused.closedByServer());
            }
        } finally {
            for (RawSmtpClient client : open) {
                client.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.open() == 0);
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION))) {
            expect(client.read(), 220);
        }
    }
}
