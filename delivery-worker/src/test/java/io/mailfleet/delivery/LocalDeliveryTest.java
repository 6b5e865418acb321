package io.mailfleet.delivery;

import io.mailfleet.delivery.outbound.DeliveryFailure;
import io.mailfleet.delivery.support.DirectoryStub;
import io.mailfleet.delivery.support.MailTopics;
import io.mailfleet.directory.RecipientLookup;
import io.mailfleet.events.MailHeaders;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Topics;
import io.mailfleet.events.Verdict;
import io.mailfleet.mailstore.MailAccounts;
import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.mailstore.MailboxState;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.MessageEntry;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.UidRange;
import io.mailfleet.mailstore.blob.BlobId;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mail.scored → mailstore / mail.outbound / mail.dead-letter / mailbox.changes, on real Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryStub.class)
class LocalDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;
    @Inject
    Mailboxes mailboxes;
    @Inject
    Messages messages;
    @Inject
    MailAccounts accounts;

    static MailTopics topics;
    final String tenant = "t-" + MailTopics.uniqueId();

    @BeforeAll
    static void connect() {
        topics = new MailTopics();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
        assertEquals(0, DirectoryStub.unauthorized(), "the worker called the directory without its service token");
    }

    private Recipient local(String name) {
        String id = MailTopics.uniqueId();
        String address = name + "-" + id + "@example.com";
        DirectoryStub.account(address, tenant, "a-" + id);
        return Recipient.local(address, tenant, "a-" + id);
    }

    static byte[] message(String subject) {
        return ("From: Sender <sender@example.org>\r\nTo: list@example.com\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + MailTopics.uniqueId() + "@example.org>\r\n\r\nHello " + subject + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private long messagesOf(String accountId) {
        return count("""
                SELECT count(*) FROM mailstore.messages m JOIN mailstore.mailboxes b ON b.id = m.mailbox_id
                WHERE b.account_id = $1""", accountId);
    }

    private Optional<MailboxState> mailbox(String accountId, String name) {
        return mailboxes.state(accountId, name).await().atMost(WAIT);
    }

    private List<MessageEntry> entries(String accountId, String mailbox) {
        return messages.list(accountId, mailbox(accountId, mailbox).orElseThrow().id(), UidRange.ALL).await().atMost(WAIT);
    }

    private byte[] content(String accountId, String mailbox, long uid) {
        return messages.content(accountId, mailbox(accountId, mailbox).orElseThrow().id(), uid).await().atMost(WAIT).orElseThrow();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> awaitOne(String topic, String key, java.util.function.Predicate<ConsumerRecord<String, byte[]>> which) {
        List<ConsumerRecord<String, byte[]>> found = MailTopics.read(topic, key::equals,
                records -> records.stream().anyMatch(which), WAIT);
        return found.stream().filter(which).findFirst()
                .orElseThrow(() -> new AssertionError("no matching record with key " + key + " on " + topic));
    }

    @Test
    void oneMessageToFiftyLocalRecipientsIsOneBlobAndFiftyEntries() {
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            recipients.add(local("r" + i));
        }
        byte[] content = message("fifty");
        topics.send(MailTopics.scored(MailTopics.uniqueId(), content, Verdict.empty(), recipients.toArray(Recipient[]::new)));

        Buffer sha256 = Buffer.buffer(BlobId.of(content).digest());
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM mailstore.messages WHERE sha256 = $1", sha256) == 50);
        assertEquals(1, count("SELECT count(*) FROM mailstore.blobs WHERE sha256 = $1", sha256));
        for (Recipient recipient : recipients) {
            List<MessageEntry> inbox = entries(recipient.accountId(), "INBOX");
            assertEquals(1, inbox.size());
            String stored = text(content(recipient.accountId(), "INBOX", inbox.get(0).uid()));
            assertTrue(stored.startsWith("Delivered-To: " + recipient.address() + "\r\n"), stored);
            assertTrue(stored.contains("X-Spam-Flag: NO\r\n"), stored);
            assertTrue(stored.endsWith(text(content)), "the original bytes follow the delivery headers unchanged");
        }
    }

    @Test
    void aRedeliveredRecordNeverMakesASecondCopy() {
        Recipient rcpt = local("dup");
        MailRecord mail = MailTopics.scored(MailTopics.uniqueId(), message("twice"), Verdict.empty(), rcpt);
        MailRecord marker = MailTopics.scored(MailTopics.uniqueId(), message("marker"), Verdict.empty(), rcpt);
        // the same record twice, then a marker, all on one partition: once the marker is stored, both copies were processed
        for (MailRecord record : List.of(mail, mail, marker)) {
            topics.send(new ProducerRecord<>(Topics.MAIL_SCORED, 2, record.key(), record.content(), record.headers()));
        }
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM mailstore.deliveries WHERE message_id = $1", marker.key()) == 1);
        assertEquals(2, messagesOf(rcpt.accountId()));
        assertEquals(List.of(1L, 2L), entries(rcpt.accountId(), "INBOX").stream().map(MessageEntry::uid).toList());
    }

    @Test
    void aliasesCatchAllListsAndFolderRulesAreExpandedThroughTheDirectory() {
        String id = MailTopics.uniqueId();
        String alice = "a-alice-" + id;
        String bob = "a-bob-" + id;
        String carol = "a-carol-" + id;
        String dave = "a-dave-" + id;
        accounts.ensureAccount(dave).await().atMost(WAIT);
        mailboxes.create(dave, "Lists").await().atMost(WAIT);
        String team = "team-" + id + "@example.com";
        String alias = "al-" + id + "@example.com";
        String catchAll = "anything-" + id + "@catchall.example";
        String plus = "dave+lists-" + id + "@example.com";
        String gone = "gone-" + id + "@example.com";
        String partner = "ext-" + id + "@partner.example";
        DirectoryStub.answer(new RecipientLookup(team, true, true, tenant, List.of(
                new RecipientLookup.MailboxRef(alice, "alice@example.com", null),
                new RecipientLookup.MailboxRef(bob, "bob@example.com", null),
                new RecipientLookup.MailboxRef(null, partner, null))));
        DirectoryStub.answer(new RecipientLookup(alias, true, true, tenant, List.of(new RecipientLookup.MailboxRef(alice, "alice@example.com", null))));
        DirectoryStub.answer(new RecipientLookup(catchAll, true, true, tenant, List.of(new RecipientLookup.MailboxRef(carol, "carol@catchall.example", null))));
        DirectoryStub.answer(new RecipientLookup(plus, true, true, tenant, List.of(new RecipientLookup.MailboxRef(dave, "dave@example.com", "Lists"))));

        byte[] content = message("expansion");
        String messageId = "m-" + id;
        topics.send(MailTopics.scored(messageId, content, Verdict.empty(),
                new Recipient(team, tenant, null, Map.of()), new Recipient(alias, tenant, null, Map.of()),
                new Recipient(catchAll, tenant, null, Map.of()), new Recipient(plus, tenant, null, Map.of()),
                new Recipient(gone, tenant, null, Map.of())));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM mailstore.deliveries WHERE message_id = $1", messageId) == 4);
        assertEquals(1, messagesOf(alice), "alice is reached through the list and the alias but gets one copy");
        assertEquals(1, entries(bob, "INBOX").size());
        assertTrue(text(content(carol, "INBOX", 1)).startsWith("Delivered-To: carol@catchall.example\r\n"));
        assertEquals(1, entries(dave, "Lists").size(), "the user+folder rule picks the folder");

        ConsumerRecord<String, byte[]> relayed = awaitOne(Topics.MAIL_OUTBOUND, messageId,
                record -> record.headers().lastHeader(DeliveryFailure.HEADER.name()) == null);
        assertEquals(List.of(partner), MailRecord.from(relayed).envelope().recipients().stream().map(Recipient::address).toList());
        ConsumerRecord<String, byte[]> bounce = awaitOne(Topics.MAIL_OUTBOUND, messageId,
                record -> record.headers().lastHeader(DeliveryFailure.HEADER.name()) != null);
        DeliveryFailure failure = DeliveryFailure.HEADER.read(bounce.headers());
        assertEquals(List.of(new DeliveryFailure.FailedRecipient(gone, "5.1.1", "no such mailbox here")), failure.recipients());
        assertArrayEquals(content, bounce.value());
    }

    @Test
    void remoteRecipientsGoToTheRelayUnchanged() {
        Recipient rcpt = local("mixed");
        Recipient remote = new Recipient("someone-" + MailTopics.uniqueId() + "@remote.example", null, null, Map.of("NOTIFY", "FAILURE"));
        byte[] content = message("relay");
        Verdict verdict = new Verdict(1.5, Verdict.Action.DELIVER, List.of(new Verdict.Symbol("SPF_PASS", -0.1, "pass")));
        MailRecord mail = MailTopics.scored(MailTopics.uniqueId(), content, verdict, rcpt, remote);
        topics.send(mail);

        ConsumerRecord<String, byte[]> relayed = awaitOne(Topics.MAIL_OUTBOUND, mail.key(), record -> true);
        MailRecord out = MailRecord.from(relayed);
        assertArrayEquals(content, out.content());
        assertEquals(List.of(remote), out.envelope().recipients());
        assertEquals(verdict, out.verdict());
        assertEquals(mail.envelope().mailFrom(), out.envelope().mailFrom());
        assertNull(relayed.headers().lastHeader(DeliveryFailure.HEADER.name()));
        await().atMost(WAIT).until(() -> messagesOf(rcpt.accountId()) == 1);
        assertTrue(text(content(rcpt.accountId(), "INBOX", 1)).contains("X-Spam-Status: No, score=1.5 action=deliver tests=SPF_PASS\r\n"));
    }

    @Test
    void theVerdictChoosesJunkOrQuarantine() {
        Recipient junk = local("junk");
        Recipient quarantined = local("quarantine");
        topics.send(MailTopics.scored(MailTopics.uniqueId(), message("cheap pills"), new Verdict(8.2, Verdict.Action.JUNK, List.of()), junk));
        topics.send(MailTopics.scored(MailTopics.uniqueId(), message("malware"), new Verdict(25, Verdict.Action.QUARANTINE, List.of()), quarantined));

        await().atMost(WAIT).until(() -> messagesOf(junk.accountId()) == 1 && messagesOf(quarantined.accountId()) == 1);
        List<MessageEntry> junkMail = entries(junk.accountId(), "Junk");
        assertEquals(1, junkMail.size());
        assertTrue(junkMail.get(0).flags().keywords().contains("$Junk"));
        assertTrue(text(content(junk.accountId(), "Junk", 1)).contains("X-Spam-Flag: YES\r\n"));
        assertEquals(0, mailbox(junk.accountId(), "INBOX").orElseThrow().messages());
        MailboxState quarantine = mailbox(quarantined.accountId(), Mailboxes.QUARANTINE).orElseThrow();
        assertEquals(1, quarantine.messages());
        assertEquals(0, mailbox(quarantined.accountId(), "INBOX").orElseThrow().messages());
    }

    @Test
    void overQuotaIsRetriedThenBouncedWhileOthersGetTheMessage() {
        Recipient full = local("full");
        Recipient roomy = local("roomy");
        accounts.setQuota(full.accountId(), OptionalLong.of(10), OptionalLong.empty()).await().atMost(WAIT);
        byte[] content = message("quota");
        MailRecord mail = MailTopics.scored(MailTopics.uniqueId(), content, Verdict.empty(), full, roomy);
        long sent = System.currentTimeMillis();
        topics.send(mail);

        ConsumerRecord<String, byte[]> bounce = awaitOne(Topics.MAIL_OUTBOUND, mail.key(),
                record -> record.headers().lastHeader(DeliveryFailure.HEADER.name()) != null);
        assertTrue(bounce.timestamp() - sent >= 2_500, "bounced only after retrying for mailfleet.delivery.quota.retry-for (3 s)");
        DeliveryFailure failure = DeliveryFailure.HEADER.read(bounce.headers());
        assertEquals(1, failure.recipients().size());
        assertEquals(full.address(), failure.recipients().get(0).address());
        assertEquals("5.2.2", failure.recipients().get(0).status());
        MailRecord bounced = MailRecord.from(bounce);
        assertEquals(List.of(full.address()), bounced.envelope().recipients().stream().map(Recipient::address).toList());
        assertEquals("sender@example.org", bounced.envelope().mailFrom());
        assertEquals(0, messagesOf(full.accountId()));
        assertEquals(0, accounts.usage(full.accountId()).await().atMost(WAIT).usedMessages());
        assertEquals(1, messagesOf(roomy.accountId()));
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithItsReasonAndThePartitionMovesOn() {
        Recipient rcpt = local("after-poison");
        String noEnvelope = "poison-" + MailTopics.uniqueId();
        String badEnvelope = "poison-" + MailTopics.uniqueId();
        topics.send(new ProducerRecord<>(Topics.MAIL_SCORED, 1, noEnvelope, message("no envelope"), new RecordHeaders()));
        var garbage = new RecordHeaders().add(MailHeaders.ENVELOPE.name(), "{\"version\":1,".getBytes(StandardCharsets.UTF_8));
        topics.send(new ProducerRecord<>(Topics.MAIL_SCORED, 1, badEnvelope, message("bad envelope"), garbage));
        MailRecord good = MailTopics.scored(MailTopics.uniqueId(), message("good"), Verdict.empty(), rcpt);
        topics.send(new ProducerRecord<>(Topics.MAIL_SCORED, 1, good.key(), good.content(), good.headers()));

        await().atMost(WAIT).until(() -> messagesOf(rcpt.accountId()) == 1);
        String missing = reason(awaitOne(Topics.MAIL_DEAD_LETTER, noEnvelope, record -> true));
        assertTrue(missing.contains("no mailfleet-envelope header"), missing);
        String malformed = reason(awaitOne(Topics.MAIL_DEAD_LETTER, badEnvelope, record -> true));
        assertTrue(malformed.contains("mailfleet-envelope is not a valid MailEnvelope"), malformed);
    }

    @Test
    void aMessageTheDatabaseRefusesIsDeadLetteredAndItsBatchNeighboursAreDelivered() {
        Recipient rcpt = local("neighbours");
        // PostgreSQL text cannot hold NUL: this message id makes the whole batch's transaction fail (SQLSTATE 22021)
        String refused = "refused-\u0000-" + MailTopics.uniqueId();
        List<MailRecord> batch = List.of(
                MailTopics.scored(MailTopics.uniqueId(), message("before"), Verdict.empty(), rcpt),
                MailTopics.scored(refused, message("refused"), Verdict.empty(), rcpt),
                MailTopics.scored(MailTopics.uniqueId(), message("after"), Verdict.empty(), rcpt));
        for (MailRecord record : batch) {
            topics.send(new ProducerRecord<>(Topics.MAIL_SCORED, 3, record.key(), record.content(), record.headers()));
        }

        await().atMost(WAIT).until(() -> messagesOf(rcpt.accountId()) == 2);
        String why = reason(awaitOne(Topics.MAIL_DEAD_LETTER, refused, record -> true));
        assertTrue(why.contains("22021"), why);
        assertEquals(List.of("before", "after"), entries(rcpt.accountId(), "INBOX").stream()
                .map(entry -> entry.envelope().getString("subject")).toList());
    }

    private static String reason(ConsumerRecord<String, byte[]> deadLetter) {
        var header = deadLetter.headers().lastHeader(MailHeaders.DEAD_LETTER_REASON);
        assertNotNull(header, "dead-letter record without " + MailHeaders.DEAD_LETTER_REASON);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void malformedMimeIsStoredByteExact() {
        Recipient rcpt = local("malformed");
        byte[] broken = ("Subject: =?utf-8?B?broken\r\nFrom: \u00e4\u00f6\u00fc <x@\u00e9xample.org>\r\n"
                + "Content-Type: multipart/alternative; boundary=\"never\"\r\n\r\n--never\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n\u00ff\u00fe binary\u0000\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        topics.send(MailTopics.scored(MailTopics.uniqueId(), broken, Verdict.empty(), rcpt));

        await().atMost(WAIT).until(() -> messagesOf(rcpt.accountId()) == 1);
        byte[] stored = content(rcpt.accountId(), "INBOX", 1);
        byte[] tail = Arrays.copyOfRange(stored, stored.length - broken.length, stored.length);
        assertArrayEquals(broken, tail);
        assertEquals("multipart", entries(rcpt.accountId(), "INBOX").get(0).bodyStructure().getString("type"));
    }

    @Test
    void eachCommittedDeliveryIsAnnouncedOnMailboxChanges() {
        Recipient rcpt = local("idle");
        topics.send(MailTopics.scored(MailTopics.uniqueId(), message("announce"), Verdict.empty(), rcpt));

        ConsumerRecord<String, byte[]> event = awaitOne(Topics.MAILBOX_CHANGES, rcpt.accountId(), record -> true);
        MailboxChange change = MailboxChange.fromJson(text(event.value()));
        MailboxState inbox = mailbox(rcpt.accountId(), "INBOX").orElseThrow();
        assertEquals(new MailboxChange(rcpt.accountId(), inbox.id(), inbox.uidValidity(), MailboxChange.Kind.APPENDED, List.of(1L),
                inbox.highestModseq()), change);
    }
}
