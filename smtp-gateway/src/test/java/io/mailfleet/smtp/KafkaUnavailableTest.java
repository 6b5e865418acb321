package io.mailfleet.smtp;

import io.mailfleet.infra.FreePorts;
import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.RawSmtpClient;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no broker to take the message, the client is told to retry (451), never 250. */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.NoBroker.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
class KafkaUnavailableTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a port nothing listens on
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + FreePorts.next(),
                    "mailfleet.smtp.limits.publish-timeout", "3s");
        }
    }

    @Inject
    SmtpListeners listeners;

    @Test
    void messageIsRefusedTemporarilyWhenKafkaIsDown() throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX))) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<sender@remote.example>"), 250);
            expect(client.command("RCPT TO:<alice@example.test>"), 250);
            expect(client.command("DATA"), 354);
            client.write("Subject: nowhere to go\r\n\r\nbody\r\n.\r\n");
            assertTrue(expect(client.read(), 451).text().startsWith("4.3.0"));
            expect(client.command("NOOP"), 250); // the session stays usable for a retry
        }
    }
}
