package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.mailstore.Flags;
import io.mailfleet.mailstore.MailAccounts;
import io.mailfleet.mailstore.SystemFlag;
import io.mailfleet.mailstore.delivery.Delivery;
import io.mailfleet.mailstore.delivery.DeliveryOutcome;
import io.mailfleet.mailstore.delivery.DeliveryTarget;
import io.mailfleet.mailstore.delivery.Destination;
import io.mailfleet.mailstore.delivery.LocalDeliveries;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 10,000-message INBOX, seeded through the mailstore library (delivery-worker's write path), then read
 * back over real IMAPS sockets: SELECT, FETCH 1:* (FLAGS UID), UID SEARCH over raw transcripts, and a
 * partial body fetch with Angus Mail. Every tenth message is \Flagged, so flags and search results can be
 * checked exactly.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeMailboxTest {

    static final int MESSAGES = 10_000;
    static final int BATCH = 500;
    private static final Pattern FETCH_FLAGS_UID = Pattern.compile("\\* (\\d+) FETCH \\((.*)\\)");
    private static final Pattern UID = Pattern.compile("UID (\\d+)");

    @Inject
    MailAccessListeners listeners;

    @Inject
    LocalDeliveries deliveries;

    @Inject
    MailAccounts accounts;

    private DirectoryServerResource.Account account;
    /** UID of message number n at index n - 1. */
    private long[] uids;

    static String body(int number) {
        return "Body of message number " + number + ".\r\n" + "0123456789".repeat(20) + "\r\n";
    }

    static byte[] message(int number) {
        return ("From: Sender <sender@example.net>\r\nTo: <large@example.org>\r\nSubject: large " + number
                + "\r\nMessage-ID: <large-" + number + "@example.net>\r\n\r\n" + body(number)).getBytes(StandardCharsets.US_ASCII);
    }

    static boolean flagged(int number) {
        return number % 10 == 0;
    }

    @BeforeAll
    void seed() {
        account = DirectoryServerResource.newAccount("large");
        accounts.ensureAccount(account.accountId()).await().atMost(Duration.ofSeconds(30));
        uids = new long[MESSAGES];
        OffsetDateTime received = OffsetDateTime.now().minusDays(1);
        // batch after batch, so UIDs ascend with the message numbers
        for (int first = 1; first <= MESSAGES; first += BATCH) {
            List<Delivery> batch = new ArrayList<>();
            for (int number = first; number < first + BATCH; number++) {
                Flags flags = flagged(number) ? Flags.of(SystemFlag.FLAGGED) : Flags.NONE;
                // zero-padded: a batch takes its UIDs in message id order (LocalDeliveries), which is then numeric order
                batch.add(new Delivery(String.format("large-%05d-%s", number, UUID.randomUUID()), message(number), received.plusSeconds(number),
                        List.of(new DeliveryTarget(account.accountId(), Destination.inbox(), null, flags))));
            }
            for (DeliveryOutcome outcome : deliveries.deliver(batch).await().atMost(Duration.ofSeconds(120))) {
                int number = Integer.parseInt(outcome.messageId().split("-")[1]);
                uids[number - 1] = outcome.stored().orElseThrow().uid();
            }
        }
        assertThat(IntStream.range(1, MESSAGES).allMatch(i -> uids[i] > uids[i - 1])).isTrue();
    }

    private ImapTranscript login() throws IOException {
        ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"));
        imap.line();
        assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password())))).contains("OK");
        return imap;
    }

    @Test
    void selectAndFetchOfEveryMessageReportFlagsAndUidsInOrder() throws IOException {
        try (ImapTranscript imap = login()) {
            List<String> select = imap.command("SELECT INBOX");
            assertThat(select).contains("* " + MESSAGES + " EXISTS");
            assertThat(select).anyMatch(line -> line.startsWith("* OK [UIDNEXT " + (uids[MESSAGES - 1] + 1) + "]"));
            assertThat(last(select)).contains("OK [READ-WRITE]");

            List<String> fetch = imap.command("FETCH 1:* (FLAGS UID)");
            assertThat(last(fetch)).contains("OK");
            List<String> untagged = fetch.subList(0, fetch.size() - 1);
            assertThat(untagged).hasSize(MESSAGES);
            for (int number = 1; number <= MESSAGES; number++) {
                Matcher line = FETCH_FLAGS_UID.matcher(untagged.get(number - 1));
                assertThat(line.matches()).as(untagged.get(number - 1)).isTrue();
                assertThat(Integer.parseInt(line.group(1))).isEqualTo(number);
                Matcher uid = UID.matcher(line.group(2));
                assertThat(uid.find()).isTrue();
                assertThat(Long.parseLong(uid.group(1))).as("UID of %d", number).isEqualTo(uids[number - 1]);
                assertThat(line.group(2).contains("\\Flagged")).as("flags of %d", number).isEqualTo(flagged(number));
            }
        }
    }

    @Test
    void uidSearchFindsExactlyTheMatchingMessages() throws IOException {
        try (ImapTranscript imap = login()) {
            imap.command("EXAMINE INBOX");
            List<String> flaggedSearch = imap.command("UID SEARCH FLAGGED");
            long[] expectedFlagged = IntStream.rangeClosed(1, MESSAGES).filter(LargeMailboxTest::flagged)
                    .mapToLong(number -> uids[number - 1]).toArray();
            assertThat(searchResult(flaggedSearch)).containsExactly(expectedFlagged);

            List<String> subject = imap.command("UID SEARCH SUBJECT \"large 4242\"");
            assertThat(searchResult(subject)).containsExactly(uids[4241]);

            long from = uids[9000];
            List<String> range = imap.command("UID SEARCH UID " + from + ":* UNFLAGGED");
            long[] expectedRange = IntStream.rangeClosed(9001, MESSAGES).filter(number -> !flagged(number))
                    .mapToLong(number -> uids[number - 1]).toArray();
            assertThat(searchResult(range)).containsExactly(expectedRange);
        }
    }

    @Test
    void angusMailReadsAPartialBodyOfAMessageDeepInTheMailbox() throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imaps.host", "127.0.0.1");
        properties.put("mail.imaps.port", String.valueOf(listeners.boundPort("imaps")));
        properties.put("mail.imaps.ssl.trust", "*");
        // the generated certificate names the configured hostname (localhost), the test dials 127.0.0.1
        properties.put("mail.imaps.ssl.checkserveridentity", "false");
        properties.put("mail.imaps.connectiontimeout", "10000");
        properties.put("mail.imaps.timeout", "30000");
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore("imaps")) {
            store.connect(account.username(), account.password());
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(MESSAGES);
            int number = 9876;
            IMAPMessage message = (IMAPMessage) inbox.getMessageByUID(uids[number - 1]);
            assertThat(message.getMessageNumber()).isEqualTo(number);
            assertThat(message.getSubject()).isEqualTo("large " + number);
            // BODY.PEEK[TEXT]<7.20>
            BODY partial = (BODY) inbox.doCommand(protocol -> protocol.peekBody(number, "TEXT", 7, 20));
            assertThat(new String(partial.getByteArray().getNewBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo(body(number).substring(7, 27));
            assertThat(partial.getOrigin()).isEqualTo(7);
            inbox.close(false);
        }
    }

    private static long[] searchResult(List<String> lines) {
        assertThat(last(lines)).contains("OK");
        return lines.stream().filter(line -> line.startsWith("* SEARCH"))
                .flatMap(line -> Arrays.stream(line.substring("* SEARCH".length()).trim().split(" ")))
                .filter(token -> !token.isEmpty())
                .mapToLong(Long::parseLong).toArray();
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
