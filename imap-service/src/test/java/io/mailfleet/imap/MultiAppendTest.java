package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.mailstore.MailAccounts;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static io.mailfleet.imap.ImapProtocolTest.last;
import static io.mailfleet.imap.ImapProtocolTest.quoted;
import static org.assertj.core.api.Assertions.assertThat;

/** MULTIAPPEND (RFC 3502) transcripts over a real socket: several messages in one APPEND, all or none. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class MultiAppendTest {

    private static final String FIRST = "From: a@example.com\r\nSubject: first\r\n\r\none\r\n";
    private static final String SECOND = "From: b@example.com\r\nSubject: second\r\n\r\ntwo\r\n";

    @Inject
    MailAccessListeners listeners;

    @Inject
    MailAccounts accounts;

    private ImapTranscript loggedIn(DirectoryServerResource.Account account) throws IOException {
        ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"));
        assertThat(imap.line()).contains(" MULTIAPPEND");
        assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password())))).contains("OK");
        return imap;
    }

    @Test
    void severalMessagesInOneCommandWithSynchronizingLiterals() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("multiappend");
        try (ImapTranscript imap = loggedIn(account)) {
            assertThat(last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
            imap.send("a1 APPEND INBOX (\\Seen) {" + FIRST.length() + "}\r\n");
            assertThat(imap.line()).startsWith("+ ");
            imap.send(FIRST + " (\\Flagged) \"07-Feb-1994 21:52:25 -0800\" {" + SECOND.length() + "}\r\n");
            assertThat(imap.line()).startsWith("+ ");
            imap.send(SECOND + "\r\n");
            List<String> answer = imap.until("a1");
            assertThat(last(answer)).matches("a1 OK \\[APPENDUID \\d+ 1:2\\] APPEND completed.");
            assertThat(answer).contains("* 2 EXISTS");
            List<String> fetched = imap.command("FETCH 1:2 (FLAGS INTERNALDATE BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            assertThat(fetched.get(0)).contains("\\Seen").contains("Subject: first");
            assertThat(fetched.get(1)).contains("\\Flagged").contains("INTERNALDATE \"08-Feb-1994 05:52:25 +0000\"").contains("Subject: second");
        }
    }

    @Test
    void allOrNothing() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("multiappendfail");
        try (ImapTranscript imap = loggedIn(account)) {
            accounts.setQuota(account.accountId(), OptionalLong.empty(), OptionalLong.of(1)).await().atMost(Duration.ofSeconds(10));
            // two messages where one fits: neither is stored
            imap.send("a1 APPEND INBOX {" + FIRST.length() + "+}\r\n" + FIRST + " {" + SECOND.length() + "+}\r\n" + SECOND + "\r\n");
            assertThat(last(imap.until("a1"))).startsWith("a1 NO [OVERQUOTA]");
            // bad syntax after the first message: BAD, nothing stored
            imap.send("a2 APPEND INBOX {" + FIRST.length() + "+}\r\n" + FIRST + " (\\Bogus\r\n");
            assertThat(last(imap.until("a2"))).startsWith("a2 BAD");
            assertThat(imap.command("STATUS INBOX (MESSAGES UIDNEXT)").get(0)).isEqualTo("* STATUS \"INBOX\" (MESSAGES 0 UIDNEXT 1)");
            imap.send("a3 APPEND INBOX {" + FIRST.length() + "+}\r\n" + FIRST + "\r\n");
            assertThat(last(imap.until("a3"))).matches("a3 OK \\[APPENDUID \\d+ 1\\] APPEND completed.");
        }
    }
}
