package io.mailfleet.smtp;

import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.RawSmtpClient;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMTP smuggling (CVE-2023-51764 family): an end-of-data made of bare LF/CR followed by a second
 * transaction must never produce a second message; the whole thing is one message, refused with 5xx.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
class SmugglingTest {

    @Inject
    SmtpListeners listeners;

    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\r.\r", "\r\n.\n", "\n.\r\n", "\r.\r\n", "\r\n.\r", "\n..\n"})
    void fakeEndOfDataNeverSplitsTheMessage(String fakeEnd) throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX))) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<attacker@remote.example>"), 250);
            expect(client.command("RCPT TO:<alice@example.test>"), 250);
            expect(client.command("DATA"), 354);
            client.write("Subject: cover\r\n\r\ncover text" + fakeEnd
                    + "MAIL FROM:<ceo@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\nSubject: smuggled\r\n\r\nsmuggled\r\n"
                    + ".\r\n");
            RawSmtpClient.Reply reply = expect(client.read(), 554);
            assertTrue(reply.text().startsWith("5.5.2"), reply.toString());
            // exactly one reply for the whole block: the next reply belongs to the next command
            expect(client.command("NOOP"), 250);
            assertTrue(expect(client.command("RCPT TO:<bob@example.test>"), 503).text().startsWith("5.5.1"),
                    "no transaction may have been started by the smuggled MAIL");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bare\nlf\r\n", "bare\rcr\r\n", "ends in cr\r"})
    void bareLineEndingsInBdatAreRefused(String content) throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX))) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<attacker@remote.example>"), 250);
            expect(client.command("RCPT TO:<alice@example.test>"), 250);
            client.write("BDAT " + content.length() + " LAST\r\n" + content);
            assertTrue(expect(client.read(), 554).text().startsWith("5.5.2"));
            expect(client.command("NOOP"), 250);
        }
    }
}
