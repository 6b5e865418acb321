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

import static org.assertj.core.api.Assertions.assertThat;

/** Raw IMAP transcripts over real sockets: each command's answers and error paths. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class ImapProtocolTest {

    static final String MESSAGE = """
            From: Alice Example <alice@example.com>\r
            To: Bob <bob@example.org>\r
            Subject: Lunch on Friday\r
            Date: Mon, 7 Feb 1994 21:52:25 -0800\r
            Message-ID: <lunch-1@example.com>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            preamble\r
            --b1\r
            Content-Type: text/plain; charset=us-ascii\r
            \r
            Shall we meet at noon?\r
            --b1\r
            Content-Type: text/html; charset=us-ascii\r
            \r
            <p>Shall we meet at noon?</p>\r
            --b1--\r
            """;

    @Inject
    MailAccessListeners listeners;

    private ImapTranscript loggedIn(DirectoryServerResource.Account account) throws IOException {
        ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"));
        assertThat(imap.line()).startsWith("* OK [CAPABILITY ").contains("AUTH=PLAIN");
        List<String> login = imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password()));
        assertThat(last(login)).matches("t\\d+ OK \\[CAPABILITY .*\\] LOGIN completed.");
        return imap;
    }

    @Test
    void plainPortOffersStartTlsAndRefusesLoginBeforeIt() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("tls");
        try (ImapTranscript imap = ImapTranscript.connect(listeners.boundPort("imap"))) {
            String greeting = imap.line();
            assertThat(greeting).startsWith("* OK [CAPABILITY ").contains("STARTTLS", "LOGINDISABLED").doesNotContain("AUTH=PLAIN");
            assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password()))))
                    .startsWith("t1 NO [PRIVACYREQUIRED]");
            assertThat(last(imap.command("AUTHENTICATE PLAIN " + plain(account)))).startsWith("t2 NO [PRIVACYREQUIRED]");
            // a command pipelined behind STARTTLS in clear text must not be executed after the handshake
            imap.send("t3 STARTTLS\r\nt4 LOGIN " + quoted(account.username()) + " " + quoted(account.password()) + "\r\n");
            assertThat(imap.line()).isEqualTo("t3 OK Begin TLS negotiation now");
            imap.upgradeToTls();
            List<String> capability = imap.command("CAPABILITY");
            assertThat(capability.get(0)).contains("AUTH=PLAIN").doesNotContain("STARTTLS").doesNotContain("LOGINDISABLED");
            assertThat(last(capability)).endsWith("OK CAPABILITY completed.");
            assertThat(last(imap.command("AUTHENTICATE PLAIN " + plain(account)))).contains("OK [CAPABILITY");
            assertThat(last(imap.command("LOGOUT"))).endsWith("OK LOGOUT completed.");
        }
    }

    @Test
    void authenticatePlainWithContinuationAndFailures() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("sasl");
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            imap.line();
            assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " wrong"))).isEqualTo("t1 NO [AUTHENTICATIONFAILED] invalid credentials");
            imap.send("t2 AUTHENTICATE PLAIN\r\n");
            assertThat(imap.line()).isEqualTo("+ ");
            imap.send("*\r\n");
            assertThat(imap.line()).isEqualTo("t2 BAD AUTHENTICATE cancelled");
            imap.send("t3 AUTHENTICATE PLAIN\r\n");
            assertThat(imap.line()).isEqualTo("+ ");
            imap.send(plain(account) + "\r\n");
            assertThat(imap.line()).startsWith("t3 OK [CAPABILITY");
            assertThat(last(imap.command("LOGIN a b"))).endsWith("BAD LOGIN is not valid in the authenticated state");
        }
        assertThat(DirectoryServerResource.checks()).anyMatch(check -> check.getString("username").equals(account.username())
                && check.getString("protocol").equals("imap") && check.getString("clientIp").equals("127.0.0.1"));
    }

    @Test
    void tooManyFailuresCloseTheConnectionAndLockoutIsTemporary() throws IOException {
        DirectoryServerResource.Account locked = DirectoryServerResource.newAccount("locked");
        DirectoryServerResource.forceOutcome(locked, "LOCKED");
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            imap.line();
            assertThat(last(imap.command("LOGIN " + quoted(locked.username()) + " " + quoted(locked.password()))))
                    .startsWith("t1 NO [UNAVAILABLE]");
            imap.command("LOGIN nobody@example.com x");
            imap.command("LOGIN nobody@example.com y");
            assertThat(last(imap.command("LOGIN nobody@example.com z"))).contains("too many failures");
            assertThat(imap.closedByServer()).isTrue();
        }
    }

    @Test
    void badSyntaxIsBadAndTheSessionGoesOn() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("syntax");
        try (ImapTranscript imap = loggedIn(account)) {
            assertThat(last(imap.command("FROB"))).isEqualTo("t2 BAD unknown command FROB");
            assertThat(last(imap.command("SELECT"))).startsWith("t3 BAD");
            assertThat(last(imap.command("SELECT \"unterminated"))).startsWith("t4 BAD");
            assertThat(last(imap.command("FETCH 1 FLAGS"))).startsWith("t5 BAD FETCH is not valid in the authenticated state");
            assertThat(last(imap.command("UID NOOP"))).startsWith("t6 BAD unknown command UID NOOP");
            assertThat(last(imap.command("STATUS INBOX (BOGUS)"))).startsWith("t7 BAD unknown STATUS item");
            imap.send("\r\n");
            assertThat(imap.line()).isEqualTo("* BAD invalid tag");
            assertThat(last(imap.command("SELECT INBOX extra"))).startsWith("t8 BAD");
            assertThat(last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
            assertThat(last(imap.command("FETCH 5 FLAGS"))).isEqualTo("t10 BAD invalid message sequence number");
            assertThat(last(imap.command("FETCH 1:* (FLAGS BOGUS)"))).startsWith("t11 BAD invalid FETCH item");
            assertThat(last(imap.command("SEARCH CHARSET KOI8-R ALL"))).startsWith("t12 NO [BADCHARSET");
            assertThat(last(imap.command("SEARCH FROBNICATE"))).startsWith("t13 BAD unknown search criterion");
            assertThat(last(imap.command("NOOP"))).isEqualTo("t14 OK NOOP completed.");
        }
    }

    @Test
    void oversizedLiteralsAreRefusedWithoutBeingRead() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("limits");
        try (ImapTranscript imap = loggedIn(account)) {
            // synchronizing: refused before the continuation, so the client never sends the octets
            imap.send("a1 APPEND INBOX {999999999}\r\n");
            assertThat(imap.line()).startsWith("a1 NO [TOOBIG]");
            // non-synchronizing: the octets arrive anyway and are skipped
            int limit = 2 * 1024 * 1024;
            imap.send("a2 APPEND INBOX {" + (limit + 1) + "+}\r\n");
            imap.send(new byte[limit + 1]);
            imap.send("\r\n");
            assertThat(imap.line()).startsWith("a2 NO [TOOBIG]");
            assertThat(last(imap.command("NOOP"))).endsWith("OK NOOP completed.");
            // a line longer than the limit ends the connection
            imap.send("a3 NOOP " + "x".repeat(70_000) + "\r\n");
            assertThat(imap.line()).isEqualTo("* BYE command line too long");
            assertThat(imap.closedByServer()).isTrue();
        }
    }

    @Test
    void appendSelectFetchStoreSearchExpunge() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("mail");
        byte[] message = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        try (ImapTranscript imap = loggedIn(account)) {
            imap.send("a1 APPEND INBOX (\\Flagged) \"07-Feb-1994 21:52:25 -0800\" {" + message.length + "}\r\n");
            assertThat(imap.line()).startsWith("+ ");
            imap.send(message);
            imap.send("\r\n");
            String appended = imap.line();
            assertThat(appended).matches("a1 OK \\[APPENDUID \\d+ 1\\] APPEND completed.");
            imap.send("a2 APPEND INBOX {" + message.length + "+}\r\n");
            imap.send(message);
            imap.send("\r\n");
            assertThat(imap.line()).matches("a2 OK \\[APPENDUID \\d+ 2\\] APPEND completed.");
            assertThat(last(imap.command("APPEND Nowhere {1+}\r\nx"))).contains("NO [TRYCREATE]");

            List<String> select = imap.command("SELECT INBOX");
            assertThat(select).contains("* 2 EXISTS", "* 2 RECENT", "* FLAGS (\\Answered \\Deleted \\Draft \\Flagged \\Seen)",
                    "* OK [UNSEEN 1] MailboxMessage 1 is first unseen", "* OK [UIDNEXT 3] Predicted next UID", "* OK [HIGHESTMODSEQ 3] Highest");
            assertThat(last(select)).endsWith("OK [READ-WRITE] SELECT completed.");

            List<String> fetch = imap.command("FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)");
            assertThat(fetch.get(0)).isEqualTo("* 1 FETCH (FLAGS (\\Flagged \\Recent) INTERNALDATE \"08-Feb-1994 05:52:25 +0000\" "
                    + "RFC822.SIZE " + message.length + " ENVELOPE (\"Mon, 7 Feb 1994 21:52:25 -0800\" \"Lunch on Friday\" "
                    + "((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Alice Example\" NIL \"alice\" \"example.com\")) "
                    + "((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Bob\" NIL \"bob\" \"example.org\")) NIL NIL NIL "
                    + "\"<lunch-1@example.com>\"))");

            List<String> structure = imap.command("UID FETCH 1 BODYSTRUCTURE");
            assertThat(structure.get(0)).endsWith(" UID 1)").startsWith("* 1 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 22 1 NIL NIL NIL NIL)")
                    .contains("(\"TEXT\" \"HTML\"").contains(" \"MIXED\" (\"boundary\" \"b1\")");

            List<String> sections = imap.command("FETCH 1 (BODY.PEEK[1] BODY.PEEK[HEADER.FIELDS (Subject From)] BODY.PEEK[2.MIME] BODY.PEEK[]<0.4>)");
            assertThat(sections.get(0))
                    .contains("BODY[1] {22}\r\nShall we meet at noon? BODY[")
                    .contains("BODY[HEADER.FIELDS (Subject From)] {69}\r\nFrom: Alice Example <alice@example.com>\r\nSubject: Lunch on Friday\r\n\r\n")
                    .contains("BODY[2.MIME] {45}\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n")
                    .contains("BODY[]<0> {4}\r\nFrom");
            // PEEK left \Seen alone; BODY[TEXT] sets it and reports the new flags
            List<String> text = imap.command("FETCH 2 BODY[TEXT]");
            assertThat(text.get(0)).startsWith("* 2 FETCH (FLAGS (\\Recent \\Seen) BODY[TEXT] {");

            List<String> store = imap.command("STORE 1:2 +FLAGS ($Important \\Deleted)");
            assertThat(store).contains("* 1 FETCH (FLAGS (\\Deleted \\Flagged \\Recent $Important))",
                    "* 2 FETCH (FLAGS (\\Deleted \\Recent \\Seen $Important))");
            assertThat(imap.command("UID STORE 2 -FLAGS.SILENT (\\Deleted)")).hasSize(1);

            assertThat(imap.command("SEARCH DELETED")).contains("* SEARCH 1");
            assertThat(imap.command("UID SEARCH SUBJECT lunch NOT DELETED")).contains("* SEARCH 2");
            assertThat(imap.command("SEARCH OR FLAGGED SEEN")).contains("* SEARCH 1 2");
            assertThat(imap.command("SEARCH BODY \"meet at noon\" KEYWORD $Important SINCE 1-Jan-1994")).contains("* SEARCH 1 2");
            assertThat(imap.command("SEARCH FROM alice@example.com SENTON 7-Feb-1994 LARGER 100")).contains("* SEARCH 1 2");
            assertThat(imap.command("SEARCH HEADER Message-ID lunch-1 UNSEEN")).contains("* SEARCH 1");
            assertThat(imap.command("SEARCH RETURN (MIN MAX COUNT) ALL").get(0)).endsWith("MIN 1 MAX 2 COUNT 2");

            List<String> expunge = imap.command("EXPUNGE");
            assertThat(expunge).hasSize(3).startsWith("* 1 EXPUNGE", "* 1 RECENT");
            assertThat(last(expunge)).endsWith(" OK EXPUNGE completed.");
            assertThat(imap.command("FETCH 1:* (UID FLAGS)").get(0)).isEqualTo("* 1 FETCH (UID 2 FLAGS (\\Recent \\Seen $Important))");
            assertThat(last(imap.command("CLOSE"))).endsWith("OK CLOSE completed.");
            assertThat(imap.command("STATUS INBOX (MESSAGES UIDNEXT UNSEEN DELETED SIZE)").get(0))
                    .matches("\\* STATUS \"INBOX\" \\(MESSAGES 1 UIDNEXT 3 UNSEEN 0 DELETED 0 SIZE " + message.length + "\\)");
        }
    }

    @Test
    void mailboxesListCopyMoveRenameDelete() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("boxes");
        try (ImapTranscript imap = loggedIn(account)) {
            List<String> list = imap.command("LIST \"\" *");
            assertThat(list).contains("* LIST (\\HasNoChildren) \"/\" \"INBOX\"", "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"",
                    "* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk\"", "* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\"",
                    "* LIST (\\HasNoChildren \\Drafts) \"/\" \"Drafts\"", "* LIST (\\HasNoChildren \\Archive) \"/\" \"Archive\"");
            assertThat(imap.command("LIST \"\" \"\"").get(0)).isEqualTo("* LIST (\\Noselect) \"/\" \"\"");
            assertThat(last(imap.command("CREATE Projects/2026/Q1"))).contains("CREATE completed.");
            assertThat(last(imap.command("CREATE Projects"))).contains("NO [ALREADYEXISTS]");
            assertThat(imap.command("LIST \"\" %")).contains("* LIST (\\HasChildren) \"/\" \"Projects\"");
            assertThat(imap.command("LIST \"Projects/\" %")).contains("* LIST (\\HasChildren) \"/\" \"Projects/2026\"");
            assertThat(imap.command("LIST (SPECIAL-USE) \"\" *")).hasSize(6);
            assertThat(imap.command("LIST \"\" * RETURN (SPECIAL-USE STATUS (MESSAGES))")).contains("* STATUS \"Sent\" (MESSAGES 0)");
            // mUTF-7 for a rev1 client, UTF-8 once IMAP4rev2 is enabled
            assertThat(last(imap.command("CREATE \"Entw&APw-rfe\""))).contains("CREATE completed.");
            assertThat(imap.command("LIST \"\" Entw*")).contains("* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"");
            assertThat(last(imap.command("SUBSCRIBE Projects"))).endsWith("OK SUBSCRIBE completed.");
            assertThat(imap.command("LSUB \"\" Proj*")).contains("* LSUB () \"/\" \"Projects\"");
            assertThat(imap.command("NAMESPACE").get(0)).isEqualTo("* NAMESPACE ((\"\" \"/\")) NIL NIL");

            imap.send("a1 APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
            assertThat(imap.until("a1").get(0)).contains("APPENDUID");
            imap.command("SELECT INBOX");
            assertThat(last(imap.command("COPY 1 Projects"))).matches("t\\d+ OK \\[COPYUID \\d+ 1 1\\] COPY completed.");
            assertThat(last(imap.command("COPY 1 Missing"))).contains("NO [TRYCREATE]");
            List<String> move = imap.command("UID MOVE 1 Archive");
            assertThat(move.get(0)).matches("\\* OK \\[COPYUID \\d+ 1 1\\] moved");
            assertThat(move.get(1)).isEqualTo("* 1 EXPUNGE");
            assertThat(last(move)).endsWith("OK MOVE completed.");
            assertThat(imap.command("STATUS Archive (MESSAGES)").get(0)).isEqualTo("* STATUS \"Archive\" (MESSAGES 1)");

            assertThat(last(imap.command("RENAME Projects Work"))).endsWith("OK RENAME completed.");
            assertThat(imap.command("LIST \"\" Work*")).contains("* LIST (\\HasNoChildren) \"/\" \"Work/2026/Q1\"");
            assertThat(imap.command("STATUS Work (MESSAGES)").get(0)).isEqualTo("* STATUS \"Work\" (MESSAGES 1)");
            assertThat(last(imap.command("DELETE Trash"))).contains("NO [CANNOT]");
            assertThat(last(imap.command("DELETE Work/2026/Q1"))).endsWith("OK DELETE completed.");
            assertThat(last(imap.command("DELETE Nothing"))).contains("NO [NONEXISTENT]");

            assertThat(last(imap.command("ENABLE IMAP4rev2"))).contains("BAD ENABLE is not valid in the selected state");
            imap.command("UNSELECT");
            assertThat(imap.command("ENABLE IMAP4rev2").get(0)).isEqualTo("* ENABLED IMAP4rev2");
            imap.command("SELECT INBOX");
            assertThat(imap.command("LIST \"\" Entw*")).contains("* LIST (\\HasNoChildren) \"/\" \"Entwürfe\"");
            List<String> examine = imap.command("EXAMINE INBOX");
            assertThat(examine).contains("* OK [CLOSED] previous mailbox closed").doesNotContain("* 0 RECENT");
            assertThat(last(examine)).endsWith("OK [READ-ONLY] EXAMINE completed.");
            assertThat(last(imap.command("STORE 1 +FLAGS (\\Seen)"))).startsWith("t").contains("BAD");
            assertThat(last(imap.command("UNSELECT"))).endsWith("OK UNSELECT completed.");
            assertThat(imap.command("ID (\"name\" \"test\")").get(0)).startsWith("* ID (\"name\" \"Mailfleet\"");
        }
    }

    @Test
    void tenantsNeverSeeEachOthersMail() throws IOException {
        DirectoryServerResource.Account alice = DirectoryServerResource.newAccount("tenant-a");
        DirectoryServerResource.Account mallory = DirectoryServerResource.newAccount("tenant-b");
        try (ImapTranscript imap = loggedIn(alice)) {
            imap.command("CREATE Secret");
            imap.send("a1 APPEND Secret {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
            imap.until("a1");
        }
        try (ImapTranscript imap = loggedIn(mallory)) {
            assertThat(imap.command("LIST \"\" *")).noneMatch(line -> line.contains("Secret"));
            assertThat(last(imap.command("SELECT Secret"))).contains("NO [NONEXISTENT]");
            assertThat(last(imap.command("STATUS Secret (MESSAGES)"))).contains("NO [NONEXISTENT]");
            imap.command("SELECT INBOX");
            assertThat(imap.command("UID FETCH 1:* FLAGS")).hasSize(1);
        }
    }

    @Test
    void condstoreModseqsConditionalStoreAndChangedSince() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("condstore");
        try (ImapTranscript imap = loggedIn(account)) {
            for (String tag : List.of("a1", "a2", "a3")) {
                imap.send(tag + " APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
                imap.until(tag);
            }
            List<String> select = imap.command("SELECT INBOX (CONDSTORE)");
            String highest = select.stream().filter(line -> line.startsWith("* OK [HIGHESTMODSEQ ")).findFirst().orElseThrow();
            long before = Long.parseLong(highest.replaceAll("\\D+", " ").trim().split(" ")[0]);
            List<String> modseqs = imap.command("FETCH 1:3 (UID MODSEQ)");
            assertThat(modseqs.get(0)).matches("\\* 1 FETCH \\(UID 1 MODSEQ \\(\\d+\\)\\)");

            List<String> store = imap.command("STORE 2 +FLAGS (\\Flagged)");
            assertThat(store.get(0)).matches("\\* 2 FETCH \\(FLAGS \\(\\\\Flagged \\\\Recent\\) MODSEQ \\(\\d+\\)\\)");
            // message 2 changed after `before`: a conditional STORE leaves it alone and reports it MODIFIED
            List<String> conditional = imap.command("STORE 1:3 (UNCHANGEDSINCE " + before + ") +FLAGS (\\Seen)");
            assertThat(last(conditional)).endsWith("OK [MODIFIED 2] conditional STORE failed");
            assertThat(conditional).anyMatch(line -> line.startsWith("* 1 FETCH (FLAGS (\\Recent \\Seen) MODSEQ"))
                    .noneMatch(line -> line.startsWith("* 2 FETCH"));
            assertThat(imap.command("FETCH 1:* (FLAGS) (CHANGEDSINCE " + before + ")")).hasSize(4);
            assertThat(imap.command("SEARCH MODSEQ " + (before + 1)).get(0)).matches("\\* SEARCH 1 2 3 \\(MODSEQ \\d+\\)");
            assertThat(imap.command("UID SEARCH UNSEEN MODSEQ 1").get(0)).matches("\\* SEARCH 2 \\(MODSEQ \\d+\\)");
            assertThat(last(imap.command("STORE 1 (UNCHANGEDSINCE x) FLAGS ()"))).contains("BAD");
        }
    }

    static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String plain(DirectoryServerResource.Account account) {
        return java.util.Base64.getEncoder().encodeToString(("\0" + account.username() + "\0" + account.password())
                .getBytes(StandardCharsets.UTF_8));
    }
}
