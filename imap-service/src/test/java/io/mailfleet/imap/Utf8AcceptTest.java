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
import java.util.List;

import static io.mailfleet.imap.ImapProtocolTest.last;
import static io.mailfleet.imap.ImapProtocolTest.quoted;
import static org.assertj.core.api.Assertions.assertThat;

/** UTF8=ACCEPT (RFC 6855) for an IMAP4rev1 client: ENABLE, UTF-8 mailbox names, APPEND of UTF8 message data. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class Utf8AcceptTest {

    private static final byte[] MESSAGE = "From: Jürgen <jürgen@bücher.example>\r\nSubject: Grüße\r\n\r\nHallo\r\n"
            .getBytes(StandardCharsets.UTF_8);

    @Inject
    MailAccessListeners listeners;

    @Test
    void enableThenUtf8NamesAndMessages() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("utf8");
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            assertThat(imap.line()).contains(" UTF8=ACCEPT");
            assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password())))).contains("OK");
            // rev1 without UTF8=ACCEPT: modified UTF-7 names, and no UTF8 message data
            assertThat(last(imap.command("CREATE \"Gr&APYA3w-e\""))).contains("OK");
            assertThat(imap.command("LIST \"\" \"Gr*\"").get(0)).isEqualTo("* LIST (\\HasNoChildren) \"/\" \"Gr&APYA3w-e\"");
            appendUtf8(imap, "a1", "\"Gr&APYA3w-e\"");
            assertThat(last(imap.until("a1"))).startsWith("a1 BAD");

            assertThat(imap.command("ENABLE UTF8=ACCEPT")).containsExactly("* ENABLED UTF8=ACCEPT", "t4 OK ENABLE completed.");
            assertThat(imap.command("LIST \"\" \"Gr*\"").get(0)).isEqualTo("* LIST (\\HasNoChildren) \"/\" \"Größe\"");
            assertThat(last(imap.command("CREATE \"Straße/Brücke\""))).contains("OK");
            assertThat(last(imap.command("SELECT \"Straße/Brücke\""))).contains("OK [READ-WRITE]");
            appendUtf8(imap, "a2", "\"Straße/Brücke\"");
            List<String> appended = imap.until("a2");
            assertThat(last(appended)).matches("a2 OK \\[APPENDUID \\d+ 1\\] APPEND completed.");
            assertThat(imap.command("FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]").get(0)).contains("Subject: Grüße");
            // a UTF8 item must carry a literal8
            assertThat(last(imap.command("APPEND \"Größe\" UTF8 (\"quoted\")"))).startsWith("t9 BAD");
        }
    }

    private static void appendUtf8(ImapTranscript imap, String tag, String mailbox) throws IOException {
        imap.send(tag + " APPEND " + mailbox + " UTF8 (~{" + MESSAGE.length + "+}\r\n");
        imap.send(MESSAGE);
        imap.send(")\r\n");
    }
}
