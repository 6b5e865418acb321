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

/** QUOTA (RFC 9208) transcripts over a real socket, on the mailstore's account quota. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class QuotaTest {

    /** 1,500 octets. */
    private static final String MESSAGE = "From: a@example.com\r\nSubject: quota\r\n\r\n" + "x".repeat(1_400) + "\r\n" + "y".repeat(55) + "\r\n";

    @Inject
    MailAccessListeners listeners;

    @Inject
    MailAccounts accounts;

    private ImapTranscript loggedIn(DirectoryServerResource.Account account) throws IOException {
        ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"));
        assertThat(imap.line()).contains(" QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE");
        assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password())))).contains("OK");
        return imap;
    }

    private static String append(ImapTranscript imap) throws IOException {
        imap.send("a APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
        return last(imap.until("a"));
    }

    @Test
    void limitedAccountReportsStorageAndMessages() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("quota");
        try (ImapTranscript imap = loggedIn(account)) {
            accounts.setQuota(account.accountId(), OptionalLong.of(1_048_576), OptionalLong.of(2))
                    .await().atMost(Duration.ofSeconds(10));
            assertThat(append(imap)).contains("OK [APPENDUID");
            List<String> root = imap.command("GETQUOTAROOT INBOX");
            assertThat(root).containsExactly(
                    "* QUOTAROOT \"INBOX\" \"\"",
                    "* QUOTA \"\" (STORAGE 2 1024 MESSAGE 1 2)",
                    "t2 OK GETQUOTAROOT completed.");
            assertThat(append(imap)).contains("OK [APPENDUID");
            assertThat(imap.command("GETQUOTA \"\"")).containsExactly(
                    "* QUOTA \"\" (STORAGE 3 1024 MESSAGE 2 2)", "t3 OK GETQUOTA completed.");
            assertThat(append(imap)).startsWith("a NO [OVERQUOTA]");
            assertThat(last(imap.command("GETQUOTA other"))).isEqualTo("t4 NO [NONEXISTENT] no such quota root");
            assertThat(last(imap.command("GETQUOTAROOT Nonexistent"))).isEqualTo("t5 NO [NONEXISTENT] no such mailbox");
            assertThat(last(imap.command("SETQUOTA \"\" (STORAGE 999999)"))).startsWith("t6 NO [NOPERM]");
            assertThat(last(imap.command("SETQUOTA \"\" STORAGE"))).startsWith("t7 BAD");
            // RFC 9208 4.2.3: what an EXPUNGE would give back
            assertThat(last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
            assertThat(last(imap.command("STORE 1 +FLAGS.SILENT (\\Deleted)"))).endsWith("OK STORE completed.");
            assertThat(imap.command("STATUS Junk (DELETED DELETED-STORAGE)").get(0)).isEqualTo("* STATUS \"Junk\" (DELETED 0 DELETED-STORAGE 0)");
            assertThat(imap.command("STATUS INBOX (DELETED DELETED-STORAGE)").get(0)).isEqualTo("* STATUS \"INBOX\" (DELETED 1 DELETED-STORAGE 2)");
        }
    }

    @Test
    void unlimitedAccountHasNoQuotaRoot() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("unlimited");
        try (ImapTranscript imap = loggedIn(account)) {
            accounts.setQuota(account.accountId(), OptionalLong.empty(), OptionalLong.empty())
                    .await().atMost(Duration.ofSeconds(10));
            assertThat(imap.command("GETQUOTAROOT INBOX")).containsExactly("* QUOTAROOT \"INBOX\"", "t2 OK GETQUOTAROOT completed.");
            assertThat(last(imap.command("GETQUOTA \"\""))).isEqualTo("t3 NO [NONEXISTENT] no such quota root");
        }
    }
}
