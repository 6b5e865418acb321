package io.mailfleet.mailstore.delivery;

import io.mailfleet.mailstore.AppendResult;
import io.mailfleet.mailstore.MailAccounts;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.MailstoreWrites;
import io.mailfleet.mailstore.StoredContent;
import io.mailfleet.mailstore.mime.MessageParser;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Local delivery: a batch of messages into their accounts' mailboxes in ONE transaction. Each blob is
 * written once however many accounts receive it; each (message id, account) pair is delivered at most
 * once, ever, thanks to the primary key of {@code mailstore.deliveries}, so a redelivered Kafka record
 * or a retried batch never makes a second copy.
 *
 * <p>A batch costs two round trips plus the commit: one query finds the pairs delivered before, then
 * every write is pipelined on the transaction's connection (the server runs them in the order sent).
 * That order is global — blobs by hash, then accounts by id, then targets by account and message — so
 * concurrent batches lock rows in the same order and cannot deadlock each other.
 */
@ApplicationScoped
public class LocalDeliveries {

    private record Pending(Delivery delivery, StoredContent content, DeliveryTarget target) {
        String key() {
            return delivery.messageId() + '\u0000' + target.accountId();
        }
    }

    /**
     * Charge the quota, take a UID in the destination mailbox (INBOX when it does not exist), store the
     * entry and record the idempotency key, as one statement. No row: over quota, nothing written. The
     * key insert has no ON CONFLICT on purpose: a concurrent delivery of the same pair (a consumer
     * rebalance) aborts this transaction, whose retry then finds the pair delivered.
     */
    private static final String DELIVER_ONE = """
            WITH target AS (
                SELECT id FROM mailstore.mailboxes
                WHERE account_id = $1 AND (name = $2 OR special_use = $3 OR name = $4)
                ORDER BY name = $4 LIMIT 1),
            charged AS (
                UPDATE mailstore.accounts SET used_bytes = used_bytes + $5, used_messages = used_messages + 1
                WHERE account_id = $1 AND EXISTS (SELECT 1 FROM target)
                  AND (quota_bytes IS NULL OR used_bytes + $5 <= quota_bytes)
                  AND (quota_messages IS NULL OR used_messages + 1 <= quota_messages)
                RETURNING account_id),
            allocated AS (
                UPDATE mailstore.mailboxes SET uid_next = uid_next + 1, highest_modseq = highest_modseq + 1
                WHERE id = (SELECT id FROM target) AND EXISTS (SELECT 1 FROM charged)
                RETURNING id, uid_validity, uid_next - 1 AS uid, highest_modseq),
            stored AS (
                INSERT INTO mailstore.messages
                  (mailbox_id, uid, modseq, sha256, header_prefix, size, system_flags, keywords, internal_date)
                SELECT id, uid, highest_modseq, $6, $7, $5, $8, $9, $10 FROM allocated),
            claimed AS (
                INSERT INTO mailstore.deliveries (message_id, account_id, mailbox_id, uid)
                SELECT $11, $1, id, uid FROM allocated)
            SELECT id, uid_validity, uid, highest_modseq FROM allocated""";

    private final Pool pool;
    private final MailAccounts accounts;
    private final MailstoreWrites writes;
    private final MessageParser parser;

    LocalDeliveries(Pool pool, MailAccounts accounts, MailstoreWrites writes, MessageParser parser) {
        this.pool = pool;
        this.accounts = accounts;
        this.writes = writes;
        this.parser = parser;
    }

    /** One outcome per (message, account) pair of the batch, ordered by account id, then message id. */
    public Uni<List<DeliveryOutcome>> deliver(List<Delivery> batch) {
        return Uni.createFrom().item(() -> prepare(batch))
                // hashing and MIME parsing are CPU work: never on the event loop
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(pending -> pool.withTransaction(tx -> write(tx, pending)));
    }

    public Uni<List<DeliveryOutcome>> deliver(Delivery delivery) {
        return deliver(List.of(delivery));
    }

    private List<Pending> prepare(List<Delivery> batch) {
        Map<String, Pending> pending = new LinkedHashMap<>();
        for (Delivery delivery : batch) {
            StoredContent content = StoredContent.prepare(parser, delivery.content());
            for (DeliveryTarget target : delivery.targets()) {
                Pending entry = new Pending(delivery, content, target);
                // the same pair twice in one batch (a record redelivered into the same poll) is one delivery
                pending.putIfAbsent(entry.key(), entry);
            }
        }
        List<Pending> sorted = new ArrayList<>(pending.values());
        sorted.sort(Comparator.comparing((Pending p) -> p.target().accountId()).thenComparing(p -> p.delivery().messageId()));
        return sorted;
    }

    private Uni<List<DeliveryOutcome>> write(SqlConnection tx, List<Pending> pending) {
        return delivered(tx, pending).chain(duplicates -> {
            List<Pending> fresh = pending.stream().filter(p -> !duplicates.containsKey(p.key())).toList();
            List<Uni<?>> pipeline = new ArrayList<>();
            Map<String, StoredContent> contents = new LinkedHashMap<>();
            fresh.stream().map(Pending::content).sorted(Comparator.comparing(content -> content.blob().hex()))
                    .forEach(content -> contents.putIfAbsent(content.blob().hex(), content));
            contents.values().forEach(content -> pipeline.add(writes.storeContent(tx, content)));
            TreeSet<String> accountIds = new TreeSet<>();
            fresh.forEach(p -> accountIds.add(p.target().accountId()));
            accountIds.forEach(accountId -> pipeline.add(accounts.ensureAccount(tx, accountId)));
            Map<String, Uni<DeliveryOutcome>> deliveries = new HashMap<>();
            for (Pending p : fresh) {
                if (p.target().destination().quarantine()) {
                    pipeline.add(createQuarantine(tx, p.target()));
                }
                Uni<DeliveryOutcome> outcome = deliverOne(tx, p).memoize().indefinitely();
                deliveries.put(p.key(), outcome);
                pipeline.add(outcome);
            }
            if (pipeline.isEmpty()) {
                return Uni.createFrom().item(outcomes(pending, duplicates, Map.of()));
            }
            // joining subscribes in list order: the statements reach the server in exactly this order
            return inOrder(pipeline)
                    .chain(() -> Uni.join().all(new ArrayList<>(deliveries.values())).andCollectFailures())
                    .map(results -> {
                        Map<String, DeliveryOutcome> written = new HashMap<>();
                        results.forEach(outcome -> written.put(outcome.messageId() + '\u0000' + outcome.accountId(), outcome));
                        return outcomes(pending, duplicates, written);
                    });
        });
    }

    /** Subscribes in list order (so the commands are pipelined in that order) and waits for all of them. */
    private static Uni<Void> inOrder(List<Uni<?>> statements) {
        List<Uni<Void>> all = statements.stream().map(Uni::replaceWithVoid).toList();
        return Uni.join().all(all).andCollectFailures().replaceWithVoid();
    }

    private static List<DeliveryOutcome> outcomes(List<Pending> pending, Map<String, DeliveryOutcome> duplicates,
                                                  Map<String, DeliveryOutcome> written) {
        return pending.stream().map(p -> duplicates.getOrDefault(p.key(), written.get(p.key()))).toList();
    }

    /** The pairs of the batch that an earlier delivery stored, with where it put them. */
    private static Uni<Map<String, DeliveryOutcome>> delivered(SqlConnection tx, List<Pending> pending) {
        String[] messageIds = pending.stream().map(p -> p.delivery().messageId()).toArray(String[]::new);
        String[] accountIds = pending.stream().map(p -> p.target().accountId()).toArray(String[]::new);
        return tx.preparedQuery("""
                        SELECT d.message_id, d.account_id, d.mailbox_id, d.uid, b.uid_validity, m.modseq
                        FROM unnest($1::text[], $2::text[]) AS wanted(message_id, account_id)
                        JOIN mailstore.deliveries d ON d.message_id = wanted.message_id AND d.account_id = wanted.account_id
                        LEFT JOIN mailstore.mailboxes b ON b.id = d.mailbox_id
                        LEFT JOIN mailstore.messages m ON m.mailbox_id = d.mailbox_id AND m.uid = d.uid""")
                .execute(Tuple.of(messageIds, accountIds))
                .map(rows -> {
                    Map<String, DeliveryOutcome> duplicates = new HashMap<>();
                    for (Row row : rows) {
                        Long uidValidity = row.getLong("uid_validity");
                        Long modseq = row.getLong("modseq");
                        // the mailbox may have been deleted since: then there is no place to point at
                        Optional<AppendResult> stored = uidValidity == null ? Optional.empty()
                                : Optional.of(new AppendResult(row.getLong("mailbox_id"), uidValidity, row.getLong("uid"), modseq == null ? 0 : modseq));
                        String messageId = row.getString("message_id");
                        String accountId = row.getString("account_id");
                        duplicates.put(messageId + '\u0000' + accountId,
                                new DeliveryOutcome(messageId, accountId, DeliveryOutcome.Status.DUPLICATE, stored));
                    }
                    return duplicates;
                });
    }

    private static Uni<DeliveryOutcome> deliverOne(SqlConnection tx, Pending pending) {
        DeliveryTarget target = pending.target();
        Destination destination = target.destination();
        String messageId = pending.delivery().messageId();
        long size = (long) target.headerPrefix().length + pending.content().bytes().length;
        return tx.preparedQuery(DELIVER_ONE)
                .execute(Tuple.from(new Object[] {target.accountId(), destination.folder(),
                        destination.specialUse() == null ? null : destination.specialUse().attribute(), Mailboxes.INBOX, size,
                        Buffer.buffer(pending.content().blob().digest()), Buffer.buffer(target.headerPrefix()),
                        (short) MailstoreWrites.systemBits(target.flags()), MailstoreWrites.keywords(target.flags()),
                        pending.delivery().internalDate(), messageId}))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new DeliveryOutcome(messageId, target.accountId(), DeliveryOutcome.Status.OVER_QUOTA, Optional.empty());
                    }
                    Row row = rows.iterator().next();
                    return new DeliveryOutcome(messageId, target.accountId(), DeliveryOutcome.Status.DELIVERED,
                            Optional.of(new AppendResult(row.getLong("id"), row.getLong("uid_validity"), row.getLong("uid"),
                                    row.getLong("highest_modseq"))));
                });
    }

    /** The quarantine mailbox, unsubscribed so clients do not show it unless asked. */
    private static Uni<?> createQuarantine(SqlConnection tx, DeliveryTarget target) {
        return tx.preparedQuery("""
                        INSERT INTO mailstore.mailboxes (account_id, name, subscribed) VALUES ($1, $2, false)
                        ON CONFLICT (account_id, name) DO NOTHING""")
                .execute(Tuple.of(target.accountId(), target.destination().folder()));
    }
}
