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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.mailfleet.imap.ImapProtocolTest.last;
import static io.mailfleet.imap.ImapProtocolTest.quoted;
import static org.assertj.core.api.Assertions.assertThat;

/** QRESYNC (RFC 7162) transcripts over a real socket: VANISHED, SELECT (QRESYNC …), UID FETCH (CHANGEDSINCE … VANISHED). */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class QresyncTest {

    private static final String MESSAGE = "From: a@example.com\r\nSubject: cached\r\n\r\nbody\r\n";

    @Inject
    MailAccessListeners listeners;

    private ImapTranscript login(DirectoryServerResource.Account account) throws IOException {
        ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"));
        assertThat(imap.line()).contains(" QRESYNC");
        assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password())))).contains("OK");
        return imap;
    }

    private static long code(List<String> lines, String name) {
        Pattern pattern = Pattern.compile("\\* OK \\[" + name + " (\\d+)\\].*");
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new AssertionError("no " + name + " in " + lines);
    }

    @Test
    void aCachingClientLearnsWhatVanishedAndChanged() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("qresync");
        long validity;
        long cachedModseq;
        try (ImapTranscript imap = login(account)) {
            for (int i = 0; i < 3; i++) {
                imap.send("a APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
                assertThat(last(imap.until("a"))).contains("OK [APPENDUID");
            }
            assertThat(imap.command("ENABLE QRESYNC")).containsExactly("* ENABLED QRESYNC", "t2 OK ENABLE completed.");
            List<String> select = imap.command("SELECT INBOX");
            validity = code(select, "UIDVALIDITY");
            cachedModseq = code(select, "HIGHESTMODSEQ");
            // the client's cache is now 1:3 at cachedModseq; then 2 is flagged and 3 expunged
            assertThat(last(imap.command("STORE 2 +FLAGS.SILENT (\\Flagged)"))).startsWith("t4 OK");
            assertThat(last(imap.command("STORE 3 +FLAGS.SILENT (\\Deleted)"))).startsWith("t5 OK");
            // with QRESYNC enabled an expunge is announced as VANISHED, by UID
            List<String> expunge = imap.command("EXPUNGE");
            assertThat(expunge).contains("* VANISHED 3").noneMatch(line -> line.endsWith(" EXPUNGE"));
            assertThat(last(expunge)).isEqualTo("t6 OK EXPUNGE completed.");
        }
        try (ImapTranscript imap = login(account)) {
            assertThat(last(imap.command("SELECT INBOX (QRESYNC (" + validity + " " + cachedModseq + "))"))).startsWith("t2 BAD");
            assertThat(imap.command("ENABLE QRESYNC").get(0)).isEqualTo("* ENABLED QRESYNC");
            List<String> resync = imap.command("SELECT INBOX (QRESYNC (" + validity + " " + cachedModseq + " 1:3))");
            assertThat(last(resync)).contains("OK [READ-WRITE]");
            assertThat(resync).contains("* VANISHED (EARLIER) 3");
            assertThat(resync).anyMatch(line -> line.matches("\\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Flagged\\) MODSEQ \\(\\d+\\)\\)"));
            assertThat(resync).noneMatch(line -> line.startsWith("* 1 FETCH"));
            // only the client's known UIDs are reported
            List<String> narrow = imap.command("SELECT INBOX (QRESYNC (" + validity + " " + cachedModseq + " 1))");
            assertThat(narrow).noneMatch(line -> line.contains("VANISHED") || line.contains("FETCH"));
            // another UIDVALIDITY: the cache is void, nothing is replayed
            List<String> stale = imap.command("SELECT INBOX (QRESYNC (" + (validity - 1) + " " + cachedModseq + "))");
            assertThat(stale).noneMatch(line -> line.contains("VANISHED") || line.contains("FETCH"));

            List<String> fetch = imap.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + cachedModseq + " VANISHED)");
            assertThat(fetch.get(0)).isEqualTo("* VANISHED (EARLIER) 3");
            assertThat(fetch.get(1)).startsWith("* 2 FETCH (FLAGS (\\Flagged) MODSEQ (").endsWith(" UID 2)");
            assertThat(last(fetch)).endsWith("OK FETCH completed.");
            assertThat(last(imap.command("FETCH 1:* (FLAGS) (CHANGEDSINCE " + cachedModseq + " VANISHED)"))).contains("BAD");
            assertThat(last(imap.command("UID FETCH 1:* (FLAGS) (VANISHED)"))).contains("BAD");

            // another session's changes reach this one by UID: VANISHED for an expunge, FETCH with the UID for flags
            try (ImapTranscript other = login(account)) {
                assertThat(last(other.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
                assertThat(last(other.command("STORE 1 +FLAGS.SILENT (\\Seen)"))).contains("OK");
                assertThat(last(other.command("STORE 2 +FLAGS.SILENT (\\Deleted)"))).contains("OK");
                assertThat(last(other.command("EXPUNGE"))).contains("OK");
            }
            List<String> noop = imap.command("NOOP");
            assertThat(noop).contains("* VANISHED 2");
            assertThat(noop).anyMatch(line -> line.matches("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Seen\\) MODSEQ \\(\\d+\\)\\)"));
        }
    }
}
