package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw POP3 transcripts over real sockets (RFC 1939, 2449, 2595, 5034). */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class Pop3ProtocolTest {

    static final String MESSAGE = "From: a@example.com\r\nSubject: dots\r\n\r\nline one\r\n.starts with a dot\r\nline three\r\n";

    @Inject
    MailAccessListeners listeners;

    private void seed(DirectoryServerResource.Account account, int count) throws IOException {
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            imap.line();
            imap.command("LOGIN " + ImapProtocolTest.quoted(account.username()) + " " + ImapProtocolTest.quoted(account.password()));
            for (int i = 0; i < count; i++) {
                imap.send("a" + i + " APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
                assertThat(imap.until("a" + i).get(0)).contains("OK [APPENDUID");
            }
        }
    }

    private static List<String> multiline(ImapTranscript pop3) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while (!(line = pop3.line()).equals(".")) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void transactionOverStls() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("pop3raw");
        seed(account, 3);
        try (ImapTranscript pop3 = ImapTranscript.connect(listeners.boundPort("pop3"))) {
            assertThat(pop3.line()).startsWith("+OK");
            pop3.send("CAPA\r\n");
            assertThat(pop3.line()).startsWith("+OK");
            assertThat(multiline(pop3)).contains("STLS", "UIDL", "TOP", "RESP-CODES").doesNotContain("USER", "SASL PLAIN OAUTHBEARER XOAUTH2");
            pop3.send("USER " + account.username() + "\r\n");
            assertThat(pop3.line()).startsWith("-ERR [AUTH]");
            pop3.send("STLS\r\n");
            assertThat(pop3.line()).startsWith("+OK");
            pop3.upgradeToTls();
            pop3.send("CAPA\r\n");
            pop3.line();
            assertThat(multiline(pop3)).contains("USER", "SASL PLAIN OAUTHBEARER XOAUTH2").doesNotContain("STLS");
            pop3.send("USER " + account.username() + "\r\nPASS wrong\r\n");
            assertThat(pop3.line()).startsWith("+OK");
            assertThat(pop3.line()).isEqualTo("-ERR [AUTH] invalid credentials");
            pop3.send("USER " + account.username() + "\r\nPASS " + account.password() + "\r\n");
            pop3.line();
            assertThat(pop3.line()).isEqualTo("+OK 3 messages (" + 3 * MESSAGE.length() + " octets)");
            pop3.send("STAT\r\n");
            assertThat(pop3.line()).isEqualTo("+OK 3 " + 3 * MESSAGE.length());
            pop3.send("LIST\r\n");
            assertThat(pop3.line()).startsWith("+OK");
            assertThat(multiline(pop3)).containsExactly("1 " + MESSAGE.length(), "2 " + MESSAGE.length(), "3 " + MESSAGE.length());
            pop3.send("UIDL 2\r\n");
            assertThat(pop3.line()).matches("\\+OK 2 \\d+\\.2");
            pop3.send("RETR 1\r\n");
            assertThat(pop3.line()).isEqualTo("+OK " + MESSAGE.length() + " octets");
            assertThat(multiline(pop3)).containsExactly("From: a@example.com", "Subject: dots", "", "line one",
                    "..starts with a dot", "line three");
            pop3.send("TOP 2 1\r\n");
            pop3.line();
            assertThat(multiline(pop3)).containsExactly("From: a@example.com", "Subject: dots", "", "line one");
            pop3.send("DELE 1\r\nDELE 1\r\nRETR 1\r\nSTAT\r\n");
            assertThat(pop3.line()).isEqualTo("+OK message deleted");
            assertThat(pop3.line()).isEqualTo("-ERR no such message");
            assertThat(pop3.line()).isEqualTo("-ERR no such message");
            assertThat(pop3.line()).isEqualTo("+OK 2 " + 2 * MESSAGE.length());
            pop3.send("RSET\r\nDELE 2\r\nRETR x\r\nFROB\r\nQUIT\r\n");
            assertThat(pop3.line()).isEqualTo("+OK 3 messages");
            assertThat(pop3.line()).isEqualTo("+OK message deleted");
            assertThat(pop3.line()).isEqualTo("-ERR invalid message number");
            assertThat(pop3.line()).isEqualTo("-ERR unknown command");
            assertThat(pop3.line()).isEqualTo("+OK bye, 1 messages deleted");
            assertThat(pop3.closedByServer()).isTrue();
        }
        try (ImapTranscript pop3 = ImapTranscript.connectTls(listeners.boundPort("pop3s"))) {
            pop3.line();
            String plain = Base64.getEncoder().encodeToString(("\0" + account.username() + "\0" + account.password())
                    .getBytes(StandardCharsets.UTF_8));
            pop3.send("AUTH PLAIN\r\n");
            assertThat(pop3.line()).isEqualTo("+ ");
            pop3.send(plain + "\r\n");
            assertThat(pop3.line()).isEqualTo("+OK 2 messages (" + 2 * MESSAGE.length() + " octets)");
            // a dropped connection applies no deletion
            pop3.send("DELE 1\r\n");
            assertThat(pop3.line()).startsWith("+OK");
        }
        try (ImapTranscript pop3 = ImapTranscript.connectTls(listeners.boundPort("pop3s"))) {
            pop3.line();
            pop3.send("USER " + account.username() + "\r\nPASS " + account.password() + "\r\n");
            pop3.line();
            assertThat(pop3.line()).startsWith("+OK 2 messages");
            pop3.send("QUIT\r\n");
            assertThat(pop3.line()).isEqualTo("+OK bye, 0 messages deleted");
        }
    }

    @Test
    void overlongLinesCloseTheConnection() throws IOException {
        try (ImapTranscript pop3 = ImapTranscript.connect(listeners.boundPort("pop3"))) {
            pop3.line();
            pop3.send("NOOP " + "x".repeat(5000) + "\r\n");
            assertThat(pop3.line()).isEqualTo("-ERR line too long");
            assertThat(pop3.closedByServer()).isTrue();
        }
    }
}
