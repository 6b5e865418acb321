package io.mailfleet.mailstore.delivery;

import io.mailfleet.mailstore.FlagUpdate;
import io.mailfleet.mailstore.Flags;
import io.mailfleet.mailstore.MailAccounts;
import io.mailfleet.mailstore.MailboxState;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.MessageEntry;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.SpecialUse;
import io.mailfleet.mailstore.SystemFlag;
import io.mailfleet.mailstore.UidRange;
import io.mailfleet.mailstore.blob.BlobId;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class LocalDeliveriesTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    LocalDeliveries deliveries;
    @Inject
    MailAccounts accounts;
    @Inject
    Mailboxes mailboxes;
    @Inject
    Messages messages;
    @Inject
    Pool pool;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static byte[] message(String subject) {
        return ("From: a@example.org\r\nSubject: " + subject + "\r\n\r\nbody of " + subject + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static DeliveryTarget inbox(String account) {
        return new DeliveryTarget(account, Destination.inbox(), ("Delivered-To: " + account + "@example.com\r\n").getBytes(StandardCharsets.US_ASCII), Flags.NONE);
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private MailboxState mailbox(String account, String name) {
        return mailboxes.state(account, name).await().atMost(WAIT).orElseThrow();
    }

    @Test
    void oneMessageToFiftyAccountsIsOneBlobAndFiftyEntries() {
        byte[] content = message(unique("fifty"));
        List<DeliveryTarget> targets = IntStream.range(0, 50).mapToObj(i -> inbox(unique("rcpt" + i))).toList();
        List<DeliveryOutcome> outcomes = deliveries.deliver(new Delivery(unique("msg"), content, OffsetDateTime.now(ZoneOffset.UTC), targets))
                .await().atMost(WAIT);

        assertEquals(50, outcomes.stream().filter(o -> o.status() == DeliveryOutcome.Status.DELIVERED).count());
        Buffer sha256 = Buffer.buffer(BlobId.of(content).digest());
        assertEquals(1, count("SELECT count(*) FROM mailstore.blobs WHERE sha256 = $1", sha256));
        assertEquals(50, count("SELECT count(*) FROM mailstore.messages WHERE sha256 = $1", sha256));
        for (DeliveryTarget target : targets) {
            MailboxState inbox = mailbox(target.accountId(), "INBOX");
            assertEquals(1, inbox.messages());
            byte[] stored = messages.content(target.accountId(), inbox.id(), 1).await().atMost(WAIT).orElseThrow();
            // the per-recipient header, then the shared bytes exactly as received
            assertEquals("Delivered-To: " + target.accountId() + "@example.com\r\n" + new String(content, StandardCharsets.UTF_8),
                    new String(stored, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRedeliveredMessageIsNeverASecondCopy() {
        String account = unique("acct");
        String messageId = unique("msg");
        Delivery delivery = new Delivery(messageId, message("once"), OffsetDateTime.now(ZoneOffset.UTC), List.of(inbox(account)));
        DeliveryOutcome first = deliveries.deliver(delivery).await().atMost(WAIT).get(0);
        DeliveryOutcome again = deliveries.deliver(delivery).await().atMost(WAIT).get(0);
        assertEquals(DeliveryOutcome.Status.DELIVERED, first.status());
        assertEquals(DeliveryOutcome.Status.DUPLICATE, again.status());
        assertEquals(first.stored(), again.stored());
        assertEquals(1, mailbox(account, "INBOX").messages());

        // even after the user expunged it, the same record does not bring the message back
        long inbox = mailbox(account, "INBOX").id();
        messages.setFlags(account, inbox, UidRange.ALL, FlagUpdate.add(Flags.of(SystemFlag.DELETED)), Optional.empty()).await().atMost(WAIT);
        messages.expunge(account, inbox, UidRange.ALL).await().atMost(WAIT);
        assertEquals(DeliveryOutcome.Status.DUPLICATE, deliveries.deliver(delivery).await().atMost(WAIT).get(0).status());
        assertEquals(0, mailbox(account, "INBOX").messages());
    }

    @Test
    void theSamePairTwiceInABatchOrConcurrentlyIsStoredOnce() {
        String account = unique("acct");
        Delivery delivery = new Delivery(unique("msg"), message("race"), OffsetDateTime.now(ZoneOffset.UTC), List.of(inbox(account)));
        List<DeliveryOutcome> batch = deliveries.deliver(List.of(delivery, delivery)).await().atMost(WAIT);
        assertEquals(List.of(DeliveryOutcome.Status.DELIVERED), batch.stream().map(DeliveryOutcome::status).toList());

        // eight workers racing on one new message (a consumer rebalance): the losers' transactions abort
        // on the idempotency key and, retried, find the message delivered
        Delivery raced = new Delivery(unique("msg"), message("raced"), OffsetDateTime.now(ZoneOffset.UTC), List.of(inbox(account)));
        List<Uni<DeliveryOutcome>> racers = IntStream.range(0, 8)
                .mapToObj(i -> deliveries.deliver(raced).onFailure().retry().atMost(3).map(outcomes -> outcomes.get(0))).toList();
        List<DeliveryOutcome> outcomes = Uni.join().all(racers).andFailFast().await().atMost(WAIT);
        assertEquals(1, outcomes.stream().filter(o -> o.status() == DeliveryOutcome.Status.DELIVERED).count());
        assertEquals(7, outcomes.stream().filter(o -> o.status() == DeliveryOutcome.Status.DUPLICATE).count());
        assertEquals(2, mailbox(account, "INBOX").messages());
        assertEquals(2, accounts.usage(account).await().atMost(WAIT).usedMessages());
    }

    @Test
    void eightParallelDeliveriesIntoOneMailboxGetDistinctIncreasingUids() {
        String account = unique("acct");
        accounts.ensureAccount(account).await().atMost(WAIT);
        int writers = 8;
        int perWriter = 25;
        List<Uni<List<Long>>> parallel = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            // each writer delivers its messages one after another; the eight writers run at the same time
            parallel.add(Multi.createFrom().range(0, perWriter)
                    .onItem().transformToUniAndConcatenate(i -> deliveries.deliver(new Delivery(unique("w" + writer + "-" + i),
                            message("w" + writer + " m" + i), OffsetDateTime.now(ZoneOffset.UTC), List.of(inbox(account)))))
                    .map(outcomes -> outcomes.get(0).stored().orElseThrow().uid())
                    .collect().asList());
        }
        List<List<Long>> perWriterUids = Uni.join().all(parallel).andFailFast().await().atMost(WAIT);

        Set<Long> all = new HashSet<>();
        for (List<Long> uids : perWriterUids) {
            for (int i = 1; i < uids.size(); i++) {
                assertTrue(uids.get(i) > uids.get(i - 1), "UIDs of one writer must increase: " + uids);
            }
            all.addAll(uids);
        }
        assertEquals(writers * perWriter, all.size(), "a UID was handed out twice");
        List<Long> stored = messages.list(account, mailbox(account, "INBOX").id(), UidRange.ALL).await().atMost(WAIT)
                .stream().map(MessageEntry::uid).toList();
        assertEquals(LongStream.rangeClosed(1, writers * perWriter).boxed().toList(), stored);
        assertEquals(writers * perWriter + 1, mailbox(account, "INBOX").uidNext());
    }

    @Test
    void overQuotaAccountsAreReportedAndTheOthersStillGetTheMessage() {
        String full = unique("full");
        String roomy = unique("roomy");
        accounts.setQuota(full, OptionalLong.of(10), OptionalLong.empty()).await().atMost(WAIT);
        String messageId = unique("msg");
        Delivery delivery = new Delivery(messageId, message("quota"), OffsetDateTime.now(ZoneOffset.UTC), List.of(inbox(full), inbox(roomy)));
        List<DeliveryOutcome> outcomes = deliveries.deliver(delivery).await().atMost(WAIT);

        assertEquals(DeliveryOutcome.Status.OVER_QUOTA, outcomes.stream().filter(o -> o.accountId().equals(full)).findFirst().orElseThrow().status());
        assertEquals(DeliveryOutcome.Status.DELIVERED, outcomes.stream().filter(o -> o.accountId().equals(roomy)).findFirst().orElseThrow().status());
        assertEquals(0, accounts.usage(full).await().atMost(WAIT).usedMessages());
        assertEquals(0, mailbox(full, "INBOX").messages());

        // once there is room, the same delivery goes through for the account that was full, and only for it
        accounts.setQuota(full, OptionalLong.empty(), OptionalLong.empty()).await().atMost(WAIT);
        List<DeliveryOutcome> retried = deliveries.deliver(delivery).await().atMost(WAIT);
        assertEquals(DeliveryOutcome.Status.DELIVERED, retried.stream().filter(o -> o.accountId().equals(full)).findFirst().orElseThrow().status());
        assertEquals(DeliveryOutcome.Status.DUPLICATE, retried.stream().filter(o -> o.accountId().equals(roomy)).findFirst().orElseThrow().status());
        assertEquals(1, mailbox(roomy, "INBOX").messages());
    }

    @Test
    void destinationsFollowTheVerdictAndFolderRules() {
        String account = unique("acct");
        accounts.ensureAccount(account).await().atMost(WAIT);
        mailboxes.create(account, "Lists").await().atMost(WAIT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        deliveries.deliver(List.of(
                new Delivery(unique("junk"), message("junk"), now, List.of(new DeliveryTarget(account, Destination.specialUse(SpecialUse.JUNK), null, null))),
                new Delivery(unique("folder"), message("folder"), now, List.of(new DeliveryTarget(account, Destination.folder("Lists"), null, null))),
                new Delivery(unique("missing"), message("missing"), now, List.of(new DeliveryTarget(account, Destination.folder("Nope"), null, null))),
                new Delivery(unique("quarantine"), message("quarantine"), now, List.of(new DeliveryTarget(account, Destination.quarantined(), null, null)))))
                .await().atMost(WAIT);
        assertEquals(1, mailbox(account, "Junk").messages());
        assertEquals(1, mailbox(account, "Lists").messages());
        assertEquals(1, mailbox(account, "INBOX").messages());
        MailboxState quarantine = mailbox(account, Mailboxes.QUARANTINE);
        assertEquals(1, quarantine.messages());
        assertTrue(!quarantine.subscribed());
    }

    @Test
    void malformedMimeIsStoredByteExact() {
        String account = unique("acct");
        byte[] broken = ("Subject: Gr\u00fc\u00dfe\u0000!\r\nX-Nul: \u0000\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n%%% not base64\u0000\r\n--b\r\nbare\nLF and \u00ff\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        deliveries.deliver(new Delivery(unique("msg"), broken, OffsetDateTime.now(ZoneOffset.UTC),
                List.of(new DeliveryTarget(account, Destination.inbox(), null, null)))).await().atMost(WAIT);
        long inbox = mailbox(account, "INBOX").id();
        assertArrayEquals(broken, messages.content(account, inbox, 1).await().atMost(WAIT).orElseThrow());
        MessageEntry entry = messages.list(account, inbox, UidRange.ALL).await().atMost(WAIT).get(0);
        assertEquals("multipart", entry.bodyStructure().getString("type"));
        // jsonb cannot hold NUL: the cached envelope has U+FFFD, the stored bytes keep the NUL
        assertEquals("Grüße\ufffd!", entry.envelope().getString("subject"));
    }
}
