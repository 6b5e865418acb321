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

import static io.mailfleet.imap.ImapProtocolTest.last;
import static io.mailfleet.imap.ImapProtocolTest.quoted;
import static org.assertj.core.api.Assertions.assertThat;

/** SORT and THREAD (RFC 5256) transcripts over a real socket. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class SortThreadTest {

    @Inject
    MailAccessListeners listeners;

    private static String message(String from, String date, String id, String references, String subject, int bodyLines) {
        return "From: " + from + "\r\nTo: team@example.org\r\nDate: " + date + "\r\nMessage-ID: <" + id + ">\r\n"
                + (references == null ? "" : "References: " + references + "\r\n")
                + "Subject: " + subject + "\r\n\r\n" + "line\r\n".repeat(bodyLines);
    }

    @Test
    void sortAndThreadTheMatches() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("sort");
        String[] mail = {
            message("carol@example.com", "Mon, 2 Mar 2026 10:00:00 +0000", "a@x", null, "Hello", 3),
            message("alice@example.com", "Mon, 2 Mar 2026 12:00:00 +0100", "b@x", "<a@x>", "Re: Hello", 1),
            message("bob@example.com", "Mon, 2 Mar 2026 09:00:00 -0500", "c@x", "<a@x>", "Re: [team] hello", 5),
            message("dave@example.com", "Sun, 1 Mar 2026 08:00:00 +0000", "d@x", null, "Another topic", 2),
        };
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            assertThat(imap.line()).contains(" SORT ", "THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES");
            assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password())))).contains("OK");
            for (String message : mail) {
                imap.send("a APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\n");
                assertThat(last(imap.until("a"))).contains("OK [APPENDUID");
            }
            assertThat(last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
            // dates in UTC: 4 (Mar 1 08:00), 2 (11:00), 1 (10:00)... 3 is 14:00 UTC
            assertThat(imap.command("SORT (DATE) UTF-8 ALL").get(0)).isEqualTo("* SORT 4 1 2 3");
            assertThat(imap.command("SORT (REVERSE DATE) UTF-8 ALL").get(0)).isEqualTo("* SORT 3 2 1 4");
            assertThat(imap.command("SORT (SUBJECT REVERSE DATE) US-ASCII ALL").get(0)).isEqualTo("* SORT 4 3 2 1");
            assertThat(imap.command("SORT (FROM) UTF-8 NOT FROM dave").get(0)).isEqualTo("* SORT 2 3 1");
            assertThat(imap.command("UID SORT (SIZE) UTF-8 ALL").get(0)).isEqualTo("* SORT 1 4 2 3");
            assertThat(imap.command("SORT (DATE) UTF-8 SUBJECT nothing-like-this")).containsExactly("* SORT", "t8 OK SORT completed.");
            assertThat(last(imap.command("SORT (DATE) KOI8-R ALL"))).startsWith("t9 NO [BADCHARSET");
            assertThat(last(imap.command("SORT (BOGUS) UTF-8 ALL"))).startsWith("t10 BAD");
            assertThat(last(imap.command("SORT DATE UTF-8 ALL"))).startsWith("t11 BAD");

            assertThat(imap.command("THREAD REFERENCES UTF-8 ALL").get(0)).isEqualTo("* THREAD (4)(1 (2)(3))");
            assertThat(imap.command("THREAD ORDEREDSUBJECT UTF-8 ALL").get(0)).isEqualTo("* THREAD (4)(1 (2)(3))");
            assertThat(imap.command("UID THREAD REFERENCES UTF-8 NOT SUBJECT another").get(0)).isEqualTo("* THREAD (1 (2)(3))");
            assertThat(last(imap.command("THREAD BRANCHES UTF-8 ALL"))).startsWith("t15 BAD");
        }
    }
}
