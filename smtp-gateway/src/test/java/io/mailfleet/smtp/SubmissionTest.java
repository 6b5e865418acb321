package io.mailfleet.smtp;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailRecord;
import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.InboundTopic;
import io.mailfleet.smtp.support.RawSmtpClient;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Submission (587, STARTTLS) and SMTPS (465, implicit TLS) with a real mail client (Angus Mail) and raw
 * transcripts: TLS before AUTH, AUTH before MAIL, sender ownership, STARTTLS command injection.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
class SubmissionTest {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    @Inject
    SmtpListeners listeners;

    private Session mailSession(String protocol, int port, String mechanisms) {
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.put(prefix + "host", "127.0.0.1");
        properties.put(prefix + "port", String.valueOf(port));
        properties.put(prefix + "auth", "true");
        properties.put(prefix + "ssl.trust", "*");
        properties.put(prefix + "ssl.checkserveridentity", "false");
        properties.put(prefix + "auth.mechanisms", mechanisms);
        properties.put(prefix + "timeout", "15000");
        if (protocol.equals("smtp")) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        return Session.getInstance(properties);
    }

    private MimeMessage message(Session session, String from, String to, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        message.setText("Hello from the submission test\r\n", "UTF-8");
        return message;
    }

    /** Sends with Angus Mail and returns the queue id of the 250 reply. */
    private String send(Session session, String protocol, String user, String secret, MimeMessage message) throws MessagingException {
        try (SMTPTransport transport = (SMTPTransport) session.getTransport(protocol)) {
            transport.connect(user, secret);
            transport.sendMessage(message, message.getAllRecipients());
            String response = transport.getLastServerResponse();
            assertTrue(response.startsWith("250 2.0.0 Ok: queued as "), response);
            return response.substring("250 2.0.0 Ok: queued as ".length()).trim();
        }
    }

    @Test
    void angusMailSubmitsOverStartTlsWithAuthPlainToARemoteRecipient() throws Exception {
        Session session = mailSession("smtp", listeners.boundPort(Listener.SUBMISSION), "PLAIN");
        MimeMessage message = message(session, DirectoryStub.ALICE, "friend@remote.example", "über STARTTLS");
        String queueId = send(session, "smtp", DirectoryStub.ALICE, DirectoryStub.alicePassword(), message);

        MailRecord record = InboundTopic.await(queueId, KAFKA_WAIT);
        var envelope = record.envelope();
        assertEquals(Direction.SUBMISSION, envelope.direction());
        assertEquals(DirectoryStub.ALICE, envelope.authenticatedPrincipal());
        assertEquals(DirectoryStub.ALICE, envelope.mailFrom());
        assertTrue(envelope.tls().protocol().equals("TLSv1.3") || envelope.tls().protocol().equals("TLSv1.2"), envelope.tls().toString());
        assertFalse(envelope.recipients().get(0).isLocal(), "a remote recipient");
        String content = new String(record.content(), StandardCharsets.UTF_8);
        assertTrue(content.contains(" with ESMTPSA id " + queueId), content);
        assertTrue(content.contains("(using " + envelope.tls().protocol() + " with cipher " + envelope.tls().cipherSuite() + ")"), content);
        assertTrue(content.contains("Subject: =?UTF-8?"), content);
    }

    @Test
    void angusMailSubmitsOverSmtpsWithAuthLoginFromAnAlias() throws Exception {
        Session session = mailSession("smtps", listeners.boundPort(Listener.SMTPS), "LOGIN");
        MimeMessage message = message(session, "sales@example.test", DirectoryStub.BOB, "implicit TLS");
        String queueId = send(session, "smtps", DirectoryStub.ALICE, DirectoryStub.alicePassword(), message);
        MailRecord record = InboundTopic.await(queueId, KAFKA_WAIT);
        assertEquals("sales@example.test", record.envelope().mailFrom());
        assertEquals("a-bob", record.envelope().recipients().get(0).accountId());
    }

    @Test
    void angusMailAuthenticatesWithXoauth2BearerToken() throws Exception {
        Session session = mailSession("smtp", listeners.boundPort(Listener.SUBMISSION), "XOAUTH2");
        MimeMessage message = message(session, DirectoryStub.ALICE, DirectoryStub.BOB, "oauth");
        String queueId = send(session, "smtp", DirectoryStub.ALICE, DirectoryStub.aliceBearerToken(), message);
        assertEquals(DirectoryStub.ALICE, InboundTopic.await(queueId, KAFKA_WAIT).envelope().authenticatedPrincipal());
    }

    @Test
    void angusMailWithAWrongPasswordIsRefused() {
        Session session = mailSession("smtp", listeners.boundPort(Listener.SUBMISSION), "PLAIN");
        var failure = assertThrows(jakarta.mail.AuthenticationFailedException.class, () -> {
            try (var transport = session.getTransport("smtp")) {
                transport.connect(DirectoryStub.ALICE, "wrong-" + DirectoryStub.alicePassword());
            }
        });
        assertTrue(failure.getMessage().contains("535 5.7.8"), failure.getMessage());
    }

    @Test
    void senderTheAccountDoesNotOwnIsRefused() throws Exception {
        Session session = mailSession("smtp", listeners.boundPort(Listener.SUBMISSION), "PLAIN");
        MimeMessage message = message(session, "ceo@example.test", DirectoryStub.BOB, "spoof");
        var failure = assertThrows(SMTPSendFailedException.class,
                () -> send(session, "smtp", DirectoryStub.ALICE, DirectoryStub.alicePassword(), message));
        assertEquals(553, failure.getReturnCode());
        assertTrue(failure.getMessage().contains("5.7.1"), failure.getMessage());
    }

    @Test
    void fromHeaderTheAccountDoesNotOwnIsRefusedAtTheEndOfData() throws IOException {
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS))) {
            client.greetingAndEhlo();
            String plain = Base64.getEncoder().encodeToString(("\0" + DirectoryStub.ALICE + "\0" + DirectoryStub.alicePassword())
                    .getBytes(StandardCharsets.UTF_8));
            expect(client.command("AUTH PLAIN " + plain), 235);
            for (String from : new String[]{"The CEO <ceo@example.test>", "Alice <alice@example.test>,\r\n ceo@example.test",
                    "undisclosed"}) {
                expect(client.command("MAIL FROM:<" + DirectoryStub.ALICE + ">"), 250);
                expect(client.command("RCPT TO:<" + DirectoryStub.BOB + ">"), 250);
                expect(client.command("DATA"), 354);
                client.write("From: " + from + "\r\nSubject: spoof\r\n\r\nbody\r\n.\r\n");
                var reply = expect(client.read(), 550);
                assertTrue(reply.text().startsWith("5.7.1"), from + ": " + reply);
            }
            expect(client.command("MAIL FROM:<" + DirectoryStub.ALICE + ">"), 250);
            expect(client.command("RCPT TO:<" + DirectoryStub.BOB + ">"), 250);
            expect(client.command("DATA"), 354);
            client.write("From: =?UTF-8?Q?Alice_M=C3=BCller?= <Alice@Example.TEST>,\r\n \"Sales\" <sales@example.test>\r\n\r\nbody\r\n.\r\n");
            InboundTopic.queueId(client.read());
        }
    }

    @Test
    void noAuthBeforeTlsAndNoMailBeforeAuth() throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION))) {
            expect(client.read(), 220);
            var ehlo = expect(client.command("EHLO client.example"), 250);
            assertTrue(ehlo.lines().contains("STARTTLS"));
            assertFalse(ehlo.has("AUTH"), ehlo.toString());
            String plain = Base64.getEncoder().encodeToString(("\0" + DirectoryStub.ALICE + "\0" + DirectoryStub.alicePassword())
                    .getBytes(StandardCharsets.UTF_8));
            assertTrue(expect(client.command("AUTH PLAIN " + plain), 530).text().startsWith("5.7.0"));
            assertTrue(expect(client.command("MAIL FROM:<" + DirectoryStub.ALICE + ">"), 530).text().startsWith("5.7.0"));
            expect(client.command("STARTTLS"), 220);
            client.startTls();
            ehlo = expect(client.command("EHLO client.example"), 250);
            assertTrue(ehlo.lines().contains("AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER"), ehlo.toString());
            assertTrue(ehlo.lines().contains("REQUIRETLS"), ehlo.toString());
            assertFalse(ehlo.lines().contains("STARTTLS"), ehlo.toString());
            assertTrue(expect(client.command("MAIL FROM:<" + DirectoryStub.ALICE + ">"), 530).text().startsWith("5.7.0"));
            assertTrue(expect(client.command("AUTH PLAIN " + plain), 235).text().startsWith("2.7.0"));
            assertTrue(expect(client.command("AUTH PLAIN " + plain), 503).text().startsWith("5.5.1"));
        }
    }

    @Test
    void lockedAccountGets454DisabledLooksLikeWrongPasswordAndMalformedAuthIsRefused() throws IOException {
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS))) {
            client.greetingAndEhlo();
            String locked = Base64.getEncoder().encodeToString(("\0" + DirectoryStub.LOCKED + "\0whatever").getBytes(StandardCharsets.UTF_8));
            assertTrue(expect(client.command("AUTH PLAIN " + locked), 454).text().startsWith("4.7.0"));
            String disabled = Base64.getEncoder().encodeToString(("\0" + DirectoryStub.DISABLED + "\0whatever").getBytes(StandardCharsets.UTF_8));
            var refused = expect(client.command("AUTH PLAIN " + disabled), 535);
            assertEquals("5.7.8 Authentication credentials invalid", refused.text(), "same reply as a wrong password");
            assertTrue(expect(client.command("AUTH PLAIN !!!"), 501).text().startsWith("5.5.2"));
            assertTrue(expect(client.command("AUTH CRAM-MD5"), 504).text().startsWith("5.5.4"));
            expect(client.command("AUTH LOGIN"), 334);
            assertTrue(expect(client.command("*"), 501).text().startsWith("5.0.0"), "client cancelled");
            expect(client.command("AUTH PLAIN"), 334);
            String plain = Base64.getEncoder().encodeToString(("\0" + DirectoryStub.ALICE + "\0" + DirectoryStub.alicePassword())
                    .getBytes(StandardCharsets.UTF_8));
            assertTrue(expect(client.command(plain), 235).text().startsWith("2.7.0"), "PLAIN after an empty challenge");
        }
    }

    @Test
    void oauthBearerTokenIsForwardedToTheDirectory() throws IOException {
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS))) {
            client.greetingAndEhlo();
            String wrong = Base64.getEncoder().encodeToString(("n,a=" + DirectoryStub.ALICE + ",\u0001auth=Bearer wrong\u0001\u0001")
                    .getBytes(StandardCharsets.UTF_8));
            // RFC 7628 3.2.2: the error status as a challenge, the client's ^A, then the failure
            String challenge = expect(client.command("AUTH OAUTHBEARER " + wrong), 334).text();
            assertTrue(new String(Base64.getDecoder().decode(challenge), StandardCharsets.UTF_8).contains("\"status\":\"invalid_token\""), challenge);
            assertTrue(expect(client.command("AQ=="), 535).text().startsWith("5.7.8"));
            String right = Base64.getEncoder().encodeToString(("n,a=" + DirectoryStub.ALICE + ",\u0001host=localhost\u0001auth=Bearer "
                    + DirectoryStub.aliceBearerToken() + "\u0001\u0001").getBytes(StandardCharsets.UTF_8));
            assertTrue(expect(client.command("AUTH OAUTHBEARER " + right), 235).text().startsWith("2.7.0"));
            expect(client.command("MAIL FROM:<" + DirectoryStub.ALICE + ">"), 250);
        }
    }

    @Test
    void submissionAddsMessageIdAndDateWhenMissing() throws IOException {
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS))) {
            client.greetingAndEhlo();
            String user = Base64.getEncoder().encodeToString(DirectoryStub.ALICE.getBytes(StandardCharsets.UTF_8));
            String password = Base64.getEncoder().encodeToString(DirectoryStub.alicePassword().getBytes(StandardCharsets.UTF_8));
            expect(client.command("AUTH LOGIN " + user), 334);
            expect(client.command(password), 235);
            expect(client.command("MAIL FROM:<" + DirectoryStub.ALICE + "> REQUIRETLS"), 250);
            expect(client.command("RCPT TO:<" + DirectoryStub.BOB + ">"), 250);
            expect(client.command("DATA"), 354);
            client.write("From: alice@example.test\r\nSubject: bare\r\n\r\nno id, no date\r\n.\r\n");
            String queueId = InboundTopic.queueId(client.read());
            MailRecord record = InboundTopic.await(queueId, KAFKA_WAIT);
            String content = new String(record.content(), StandardCharsets.UTF_8);
            assertTrue(content.contains("\r\nMessage-ID: <" + queueId + "@mx.mailfleet.test>\r\nDate: "), content);
            assertTrue(content.endsWith("From: alice@example.test\r\nSubject: bare\r\n\r\nno id, no date\r\n"), content);
            assertEquals("", record.envelope().mailParams().get("REQUIRETLS"));
        }
    }

    /**
     * CVE-2011-0411: commands pipelined after STARTTLS arrive in clear text (a man in the middle could
     * have added them) and must not be executed inside the TLS session.
     */
    @Test
    void commandsInjectedAfterStartTlsAreDiscarded() throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX))) {
            client.greetingAndEhlo();
            client.write("STARTTLS\r\nMAIL FROM:<injected@remote.example>\r\nRCPT TO:<alice@example.test>\r\n");
            expect(client.read(), 220);
            client.startTls();
            var ehlo = expect(client.command("EHLO client.example"), 250);
            assertTrue(ehlo.has("client.example"), "the first reply inside TLS answers our EHLO: " + ehlo);
            assertTrue(expect(client.command("RCPT TO:<alice@example.test>"), 503).text().startsWith("5.5.1"),
                    "the injected MAIL must not have started a transaction");
            assertTrue(expect(client.command("STARTTLS"), 503).text().startsWith("5.5.1"), "TLS already active");
        }
    }

    @Test
    void tls12WithAModernCipherIsAccepted() throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION))) {
            client.greetingAndEhlo();
            expect(client.command("STARTTLS"), 220);
            javax.net.ssl.SSLSocket tls = null;
            client.startTls();
            tls = client.sslSocket();
            assertTrue(tls.getSession().getProtocol().equals("TLSv1.3"), tls.getSession().getProtocol());
        }
        try (var socket = (javax.net.ssl.SSLSocket) RawSmtpClient.trustAll().getSocketFactory()
                .createSocket("127.0.0.1", listeners.boundPort(Listener.SMTPS))) {
            socket.setEnabledProtocols(new String[]{"TLSv1.2"});
            socket.startHandshake();
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            assertTrue(socket.getSession().getCipherSuite().startsWith("TLS_ECDHE_"), socket.getSession().getCipherSuite());
        }
    }
}
