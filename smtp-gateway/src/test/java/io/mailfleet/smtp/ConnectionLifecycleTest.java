package io.mailfleet.smtp;

import io.mailfleet.smtp.policy.ConnectionLimiter;
import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.InboundTopic;
import io.mailfleet.smtp.support.RawSmtpClient;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replica-wide connection limit, and graceful shutdown with sessions in every state. The shutdown
 * test stops the listeners, so it runs last, in its own application (profile).
 */
@QuarkusTest
@TestProfile(ConnectionLifecycleTest.SmallReplica.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionLifecycleTest {

    static final int MAX_CONNECTIONS = 3;

    public static class SmallReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the stalled client must meet the end of the grace period, not its data timeout
            return Map.of("mailfleet.smtp.limits.max-connections", String.valueOf(MAX_CONNECTIONS),
                    "mailfleet.smtp.limits.shutdown-grace", "4s",
                    "mailfleet.smtp.limits.data-timeout", "60s");
        }
    }

    @Inject
    SmtpListeners listeners;

    @Inject
    ConnectionLimiter connections;

    @Test
    @Order(1)
    void connectionOverTheReplicaLimitGets421AndASlotFreedIsReused() throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.open() == 0);
        List<RawSmtpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                // from different addresses: the total limit, not the per-IP one
                RawSmtpClient client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION), "127.0.1." + (i + 1));
                clients.add(client);
                expect(client.read(), 220);
            }
            try (var refused = new RawSmtpClient(listeners.boundPort(Listener.MX), "127.0.1.9")) {
                assertTrue(expect(refused.read(), 421).text().startsWith("4.7.0"));
                assertTrue(refused.closedByServer());
            }
            clients.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> connections.open() == MAX_CONNECTIONS - 1);
            try (var admitted = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION), "127.0.1.9")) {
                expect(admitted.read(), 220);
            }
        } finally {
            for (RawSmtpClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    @Order(2)
    void shutdownEndsIdleSessionsLetsATransactionFinishAndNeverAcknowledgesWhatIsNotQueued() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.open() == 0);
        try (var idle = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION));
             var finishing = new RawSmtpClient(listeners.boundPort(Listener.MX));
             var stalled = new RawSmtpClient(listeners.boundPort(Listener.MX))) {
            expect(idle.read(), 220);
            expect(idle.command("EHLO idle.example"), 250);
            inData(finishing);
            inData(stalled);
            finishing.write("Subject: in flight\r\n\r\nfirst half\r\n");

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(listeners::shutDown);

            assertTrue(expect(idle.read(), 421).text().startsWith("4.3.2"), "an idle session is ended at once");
            try (var late = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION))) {
                assertTrue(expect(late.read(), 421).text().startsWith("4.3.2"), "new connections are turned away");
            }
            finishing.write("second half\r\n.\r\n");
            String queueId = InboundTopic.queueId(finishing.read());
            assertArrayEquals("Subject: in flight\r\n\r\nfirst half\r\nsecond half\r\n".getBytes(StandardCharsets.US_ASCII),
                    withoutReceived(InboundTopic.await(queueId, Duration.ofSeconds(30)).content()),
                    "the 250 came after the message was on Kafka");
            assertTrue(expect(finishing.read(), 421).text().startsWith("4.3.2"), "ended after its transaction");

            // the stalled client's message never completes: at the end of the grace period it is told 421, never 250
            var last = stalled.read();
            assertTrue(last.code() == 421 && last.text().startsWith("4.3.2"), last.toString());
            assertTrue(stalled.closedByServer());
            shutdown.get(15, TimeUnit.SECONDS);
            assertFalse(connections.open() > 0, "no session outlives the shutdown");
        }
    }

    private static void inData(RawSmtpClient client) throws IOException {
        client.greetingAndEhlo();
        expect(client.command("MAIL FROM:<sender@remote.example>"), 250);
        expect(client.command("RCPT TO:<" + DirectoryStub.ALICE + ">"), 250);
        expect(client.command("DATA"), 354);
    }

    private static byte[] withoutReceived(byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII);
        int end = text.indexOf("\r\n");
        while (text.charAt(end + 2) == ' ' || text.charAt(end + 2) == '\t') {
            end = text.indexOf("\r\n", end + 2);
        }
        return text.substring(end + 2).getBytes(StandardCharsets.US_ASCII);
    }
}
