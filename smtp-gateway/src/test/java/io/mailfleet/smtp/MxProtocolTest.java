package io.mailfleet.smtp;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.InboundTopic;
import io.mailfleet.smtp.support.RawSmtpClient;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MX listener over raw sockets: every reply checked, accepted mail read back from the real Kafka. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
class MxProtocolTest {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    @Inject
    SmtpListeners listeners;

    @Inject
    @CacheName("recipients")
    Cache recipients;

    private RawSmtpClient connect() throws IOException {
        return new RawSmtpClient(listeners.boundPort(Listener.MX));
    }

    @Test
    void ehloAdvertisesTheExtensionsButNoAuthInClearText() throws IOException {
        try (var client = connect()) {
            RawSmtpClient.Reply greeting = expect(client.read(), 220);
            assertTrue(greeting.has("mx.mailfleet.test ESMTP"), greeting.toString());
            var ehlo = expect(client.command("EHLO client.example"), 250);
            for (String extension : new String[]{"PIPELINING", "SIZE 26214400", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES",
                    "CHUNKING", "DSN", "STARTTLS"}) {
                assertTrue(ehlo.lines().contains(extension), extension + " missing from " + ehlo);
            }
            assertFalse(ehlo.has("AUTH"), "AUTH is never offered on MX or in clear text: " + ehlo);
            assertFalse(ehlo.has("REQUIRETLS"), "REQUIRETLS only inside TLS: " + ehlo);
            expect(client.command("HELO client.example"), 250);
            assertEquals("2.0.0 Ok", expect(client.command("NOOP"), 250).text());
            assertTrue(expect(client.command("VRFY alice@example.test"), 252).text().startsWith("2.5.0"));
            assertTrue(expect(client.command("HELP"), 214).text().startsWith("2.0.0"));
            assertTrue(expect(client.command("EXPN staff"), 502).text().startsWith("5.5.1"));
            assertTrue(expect(client.command("QUIT"), 221).text().startsWith("2.0.0"));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void acceptedMessageIsPublishedByteForByteWithReceivedHeaderAndEnvelope() throws IOException {
        String body = "From: Sender <sender@remote.example>\r\nTo: alice@example.test\r\nSubject: hello\r\n\r\n"
                + "line one\r\n..a stuffed dot line\r\n.\r\n";
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<sender@remote.example> BODY=8BITMIME RET=HDRS ENVID=abc+2B1 SIZE=200"), 250);
            expect(client.command("RCPT TO:<alice+news@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;alice+2Bnews@example.test"), 250);
            expect(client.command("DATA"), 354);
            client.write(body);
            String queueId = InboundTopic.queueId(client.read());

            MailRecord record = InboundTopic.await(queueId, KAFKA_WAIT);
            String unstuffed = "From: Sender <sender@remote.example>\r\nTo: alice@example.test\r\nSubject: hello\r\n\r\n"
                    + "line one\r\n.a stuffed dot line\r\n";
            String content = new String(record.content(), StandardCharsets.UTF_8);
            assertTrue(content.startsWith("Received: from client.example ([127.0.0.1])\r\n\tby mx.mailfleet.test (Mailfleet) with ESMTP id "
                    + queueId + "\r\n\tfor <alice+news@example.test>;\r\n\t"), content);
            int end = content.indexOf("\r\n", content.indexOf(";\r\n\t") + 4) + 2;
            assertArrayEquals(unstuffed.getBytes(StandardCharsets.UTF_8),
                    java.util.Arrays.copyOfRange(record.content(), end, record.content().length), "the message after Received:");

            var envelope = record.envelope();
            assertEquals(queueId, envelope.messageId());
            assertEquals("sender@remote.example", envelope.mailFrom());
            assertEquals("client.example", envelope.helo());
            assertEquals("127.0.0.1", envelope.clientIp());
            assertEquals(Direction.INBOUND, envelope.direction());
            assertNull(envelope.tls());
            assertNull(envelope.authenticatedPrincipal());
            assertEquals(record.content().length, envelope.size());
            assertEquals(Map.of("BODY", "8BITMIME", "RET", "HDRS", "ENVID", "abc+2B1", "SIZE", "200"), envelope.mailParams());
            assertEquals(1, envelope.recipients().size());
            Recipient recipient = envelope.recipients().get(0);
            assertEquals("alice+news@example.test", recipient.address());
            assertEquals("t-1", recipient.tenantId());
            assertEquals("a-alice", recipient.accountId());
            assertEquals(Map.of("NOTIFY", "SUCCESS,FAILURE", "ORCPT", "rfc822;alice+2Bnews@example.test"), recipient.dsn());
        }
    }

    /**
     * Text lines longer than RFC 5321's 1000 octets (4.5.3.1.6) inside DATA are accepted and kept exactly
     * as sent, a dot-stuffed one included (docs/smtp-gateway.md, "Long lines in DATA").
     */
    @Test
    void textLinesLongerThan1000OctetsAreAcceptedUnchanged() throws IOException {
        String longLine = "x".repeat(5_000);
        String stuffedLongLine = "." + "y".repeat(1_500);
        String body = "Subject: long lines\r\n\r\n" + longLine + "\r\n." + stuffedLongLine + "\r\nend\r\n";
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<sender@remote.example>"), 250);
            expect(client.command("RCPT TO:<alice@example.test>"), 250);
            expect(client.command("DATA"), 354);
            client.write(body + ".\r\n");
            String queueId = InboundTopic.queueId(client.read());
            String content = new String(InboundTopic.await(queueId, KAFKA_WAIT).content(), StandardCharsets.US_ASCII);
            assertTrue(content.endsWith("\r\n\r\n" + longLine + "\r\n" + stuffedLongLine + "\r\nend\r\n"), "lines kept whole");
            expect(client.command("NOOP"), 250);
        }
    }

    @Test
    void recipientLookupsAreCachedBriefly() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<cache@remote.example>"), 250);
            expect(client.command("RCPT TO:<bob+cached@example.test>"), 250);
        }
        CaffeineCache cache = recipients.as(CaffeineCache.class);
        assertTrue(cache.keySet().contains("bob+cached@example.test"), "cached: " + cache.keySet());
    }

    @Test
    void metricsCountSessionsRepliesAndAcceptedMessages() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<metrics@remote.example>"), 250);
            expect(client.command("RCPT TO:<bob@example.test>"), 250);
            expect(client.command("DATA"), 354);
            client.write("Subject: counted\r\n\r\nbody\r\n.\r\n");
            InboundTopic.queueId(client.read());
        }
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        assertSeries(metrics, "smtp_sessions_total", "listener=\"mx\"");
        assertSeries(metrics, "smtp_messages_total", "listener=\"mx\"", "outcome=\"accepted\"");
        assertSeries(metrics, "smtp_replies_total", "listener=\"mx\"", "code=\"354\"");
        assertSeries(metrics, "smtp_message_acknowledgement_seconds_bucket");
        assertSeries(metrics, "smtp_message_bytes_count");
        assertSeries(metrics, "smtp_message_recipients_count");
        assertSeries(metrics, "smtp_sessions_open");
    }

    /** A sample line of {@code name} carrying all {@code labels}, with a value above zero. */
    private static void assertSeries(String metrics, String name, String... labels) {
        boolean found = metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .anyMatch(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0
                        || name.equals("smtp_sessions_open") || name.endsWith("_bucket"));
        assertTrue(found, name + " " + String.join(",", labels) + " missing in\n"
                + metrics.lines().filter(line -> line.startsWith("smtp_")).collect(java.util.stream.Collectors.joining("\n")));
    }

    @Test
    void pipelinedTransactionIsAnsweredInOrder() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            client.write("MAIL FROM:<p@remote.example>\r\nRCPT TO:<alice@example.test>\r\nRCPT TO:<nobody@example.test>\r\n"
                    + "RCPT TO:<bob@example.test>\r\nDATA\r\n");
            expect(client.read(), 250);
            expect(client.read(), 250);
            assertTrue(expect(client.read(), 550).text().startsWith("5.1.1"));
            expect(client.read(), 250);
            expect(client.read(), 354);
            client.write("Subject: pipelined\r\n\r\nbody\r\n.\r\nRSET\r\nNOOP\r\n");
            String queueId = InboundTopic.queueId(client.read());
            expect(client.read(), 250);
            expect(client.read(), 250);
            MailRecord record = InboundTopic.await(queueId, KAFKA_WAIT);
            assertEquals(2, record.envelope().recipients().size());
            assertFalse(new String(record.content(), StandardCharsets.UTF_8).contains("\tfor <"),
                    "with several recipients the Received: header names none");
        }
    }

    @Test
    void relayToForeignDomainIsDeniedAndUnknownUserRefused() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<spammer@remote.example>"), 250);
            assertTrue(expect(client.command("RCPT TO:<victim@elsewhere.example>"), 554).text().startsWith("5.7.1"));
            assertTrue(expect(client.command("RCPT TO:<nobody@example.test>"), 550).text().startsWith("5.1.1"));
            assertTrue(expect(client.command("DATA"), 554).text().startsWith("5.5.1"), "no valid recipients");
        }
    }

    /** RFC 5321 4.1.1.3: {@code <Postmaster>} without a domain is accepted and goes to the operator's postmaster. */
    @Test
    void postmasterWithoutADomainIsAccepted() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<someone@remote.example>"), 250);
            expect(client.command("RCPT TO:<PostMaster> NOTIFY=NEVER"), 250);
            expect(client.command("DATA"), 354);
            client.write("Subject: abuse report\r\n\r\nhello\r\n.\r\n");
            MailRecord record = InboundTopic.await(InboundTopic.queueId(client.read()), KAFKA_WAIT);
            Recipient recipient = record.envelope().recipients().get(0);
            assertEquals("alice@example.test", recipient.address());
            assertEquals("a-alice", recipient.accountId());
            assertEquals(Map.of("NOTIFY", "NEVER"), recipient.dsn());
            expect(client.command("MAIL FROM:<someone@remote.example>"), 250);
            assertTrue(expect(client.command("RCPT TO:<postmasterx>"), 501).text().startsWith("5.1.3"), "only the exact name");
        }
    }

    @Test
    void commandsOutOfSequenceAndBadSyntaxAreRefused() throws IOException {
        try (var client = connect()) {
            expect(client.read(), 220);
            assertTrue(expect(client.command("MAIL FROM:<a@remote.example>"), 503).text().startsWith("5.5.1"));
            expect(client.command("EHLO client.example"), 250);
            assertTrue(expect(client.command("RCPT TO:<alice@example.test>"), 503).text().startsWith("5.5.1"));
            assertTrue(expect(client.command("MAIL FROM:a@remote.example"), 501).text().startsWith("5.1.7"));
            assertTrue(expect(client.command("MAIL FROM:<a@remote.example> FOO=BAR"), 555).text().startsWith("5.5.4"));
            expect(client.command("MAIL FROM:<a@remote.example>"), 250);
            assertTrue(expect(client.command("MAIL FROM:<a@remote.example>"), 503).text().startsWith("5.5.1"));
            assertTrue(expect(client.command("RCPT TO:<not an address>"), 501).text().startsWith("5.1.3"));
            assertTrue(expect(client.command("RCPT TO:<jürgen@bücher.example>"), 553).text().startsWith("5.6.7"),
                    "UTF-8 address without SMTPUTF8");
            assertTrue(expect(client.command("DATA extra"), 501).text().startsWith("5.5.4"));
        }
    }

    @Test
    void smtpUtf8AddressesTravelEndToEnd() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<δοκιμή@παράδειγμα.example> SMTPUTF8"), 250);
            expect(client.command("RCPT TO:<jürgen@bücher.example>"), 250);
            expect(client.command("DATA"), 354);
            client.write("Subject: Grüße\r\n\r\nHallo\r\n.\r\n");
            String queueId = InboundTopic.queueId(client.read());
            MailRecord record = InboundTopic.await(queueId, KAFKA_WAIT);
            assertEquals("δοκιμή@παράδειγμα.example", record.envelope().mailFrom());
            assertEquals("jürgen@bücher.example", record.envelope().recipients().get(0).address());
            assertTrue(new String(record.content(), StandardCharsets.UTF_8).contains("with UTF8SMTP id " + queueId));
            assertTrue(new String(record.content(), StandardCharsets.UTF_8).endsWith("Subject: Grüße\r\n\r\nHallo\r\n"));
        }
    }

    @Test
    void declaredAndActualOversizeAreRefused() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            assertTrue(expect(client.command("MAIL FROM:<big@remote.example> SIZE=26214401"), 552).text().startsWith("5.3.4"));
            expect(client.command("MAIL FROM:<big@remote.example> SIZE=1000"), 250);
            expect(client.command("RCPT TO:<alice@example.test>"), 250);
            expect(client.command("DATA"), 354);
            byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 26_300; i++) { // 26.3 MB, just over the 25 MiB limit
                client.write(line);
            }
            client.write(".\r\n");
            assertTrue(expect(client.read(), 552).text().startsWith("5.3.4"));
            expect(client.command("NOOP"), 250); // the session goes on
        }
    }

    @Test
    void recipientLimitAnswers452() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<many@remote.example>"), 250);
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 101; i++) {
                batch.append("RCPT TO:<alice+").append(i).append("@example.test>\r\n");
            }
            client.write(batch.toString());
            for (int i = 0; i < 100; i++) {
                expect(client.read(), 250);
            }
            assertTrue(expect(client.read(), 452).text().startsWith("4.5.3"));
        }
    }

    @Test
    void tenBadCommandsEndTheSession() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            for (int i = 0; i < 9; i++) {
                expect(client.command("BOGUS " + i), 502);
            }
            expect(client.command("BOGUS 9"), 502);
            assertTrue(expect(client.read(), 421).text().startsWith("4.7.0"));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void overlongCommandLineIsRefusedAndTheSessionRecovers() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            assertTrue(expect(client.command("NOOP " + "a".repeat(2000)), 500).text().startsWith("5.5.2"));
            expect(client.command("NOOP"), 250);
            expect(client.command("NOOP " + "a".repeat(993)), 250); // 1000 octets with CRLF: the limit itself
        }
    }

    @Test
    void earlyTalkerIsRefused() throws IOException {
        try (var client = connect()) {
            client.send("EHLO impatient.example");
            RawSmtpClient.Reply reply = expect(client.read(), 554);
            assertTrue(reply.text().startsWith("5.5.1"), reply.toString());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void idleClientIsDisconnectedAfterTheCommandTimeout() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            long start = System.nanoTime();
            RawSmtpClient.Reply reply = expect(client.read(), 421); // blocks until the server gives up (4 s in tests)
            assertTrue(reply.text().startsWith("4.4.2"), reply.toString());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 3_500);
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void clientThatNeverStartsTheTlsHandshakeIsDisconnected() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("STARTTLS"), 220);
            assertTrue(client.closedByServer(), "closed after the command timeout (4 s in tests)");
        }
    }

    @Test
    void stalledDataIsDisconnectedAfterTheDataTimeout() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<slow@remote.example>"), 250);
            expect(client.command("RCPT TO:<alice@example.test>"), 250);
            expect(client.command("DATA"), 354);
            client.write("Subject: never finished\r\n");
            assertTrue(expect(client.read(), 421).text().startsWith("4.4.2"));
        }
    }

    @Test
    void bdatChunksMakeOneMessage() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<chunky@remote.example>"), 250);
            expect(client.command("RCPT TO:<bob@example.test>"), 250);
            String first = "Subject: chunks\r\n\r\n.leading dot stays\r";
            String second = "\nsecond chunk\r\n";
            client.write("BDAT " + first.length() + "\r\n" + first);
            expect(client.read(), 250);
            client.write("BDAT " + second.length() + " LAST\r\n" + second);
            String queueId = InboundTopic.queueId(client.read());
            MailRecord record = InboundTopic.await(queueId, KAFKA_WAIT);
            assertTrue(new String(record.content(), StandardCharsets.UTF_8).endsWith("\r\n" + first + second));
            assertTrue(expect(client.command("DATA"), 503).text().startsWith("5.5.1"), "transaction ended");
        }
    }

    @Test
    void bdatWithoutTransactionIsReadAndRefused() throws IOException {
        try (var client = connect()) {
            client.greetingAndEhlo();
            client.write("BDAT 12 LAST\r\nNOOP\r\nNOOP\r\n");
            assertTrue(expect(client.read(), 503).text().startsWith("5.5.1"));
            expect(client.command("NOOP"), 250); // the chunk's "NOOP"s were data, not commands
        }
    }
}
