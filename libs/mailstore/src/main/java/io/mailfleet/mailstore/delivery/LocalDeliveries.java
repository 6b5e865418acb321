package io.mailfleet.mailstore.delivery;

import io.mailfleet.mailstore.AppendResult;
import io.mailfleet.mailstore.MailAccounts;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.MailstoreWrites;
import io.mailfleet.mailstore.StoredContent;
import io.mailfleet.mailstore.mime.MessageParser;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>Rows are locked in one global order (blobs by hash, then accounts by id, then each account's
 * mailboxes) so concurrent batches cannot deadlock each other.
 */
@ApplicationScoped
public class LocalDeliveries {

    private record Pending(Delivery delivery, StoredContent content, DeliveryTarget target) {
    }

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

    /** Outcomes ordered by account id, then message id. */
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
        List<Pending> pending = new ArrayList<>();
        for (Delivery delivery : batch) {
            StoredContent content = StoredContent.prepare(parser, delivery.content());
            delivery.targets().forEach(target -> pending.add(new Pending(delivery, content, target)));
        }
        pending.sort(Comparator.comparing((Pending p) -> p.target().accountId()).thenComparing(p -> p.delivery().messageId()));
        return pending;
    }

    private Uni<List<DeliveryOutcome>> write(SqlConnection tx, List<Pending> pending) {
        Map<String, StoredContent> contents = new LinkedHashMap<>();
        pending.stream().map(Pending::content).sorted(Comparator.comparing(content -> content.blob().hex()))
                .forEach(content -> contents.putIfAbsent(content.blob().hex(), content));
        TreeSet<String> accountIds = new TreeSet<>();
        pending.forEach(p -> accountIds.add(p.target().accountId()));
        return Multi.createFrom().iterable(contents.values())
                .onItem().transformToUniAndConcatenate(content -> writes.storeContent(tx, content))
                .collect().last()
                .chain(() -> Multi.createFrom().iterable(accountIds)
                        .onItem().transformToUniAndConcatenate(accountId -> accounts.ensureAccount(tx, accountId))
                        .collect().last())
                .chain(() -> Multi.createFrom().iterable(pending)
                        .onItem().transformToUniAndConcatenate(p -> deliverOne(tx, p))
                        .collect().asList());
    }

    private Uni<DeliveryOutcome> deliverOne(SqlConnection tx, Pending pending) {
        String messageId = pending.delivery().messageId();
        DeliveryTarget target = pending.target();
        long size = (long) target.headerPrefix().length + pending.content().bytes().length;
        // claim the idempotency key first: a concurrent delivery of the same pair waits here until
        // the other transaction ends, then sees the row and stops
        return tx.preparedQuery("""
                        INSERT INTO mailstore.deliveries (message_id, account_id, mailbox_id, uid) VALUES ($1, $2, 0, 0)
                        ON CONFLICT (message_id, account_id) DO NOTHING RETURNING message_id""")
                .execute(Tuple.of(messageId, target.accountId()))
                .chain(claimed -> {
                    if (claimed.size() == 0) {
                        return duplicate(tx, messageId, target.accountId());
                    }
                    return writes.charge(tx, target.accountId(), size, 1).chain(charged -> charged
                            ? store(tx, pending)
                            : release(tx, messageId, target.accountId()));
                });
    }

    private Uni<DeliveryOutcome> store(SqlConnection tx, Pending pending) {
        String messageId = pending.delivery().messageId();
        DeliveryTarget target = pending.target();
        return mailboxFor(tx, target)
                .chain(mailboxId -> writes.allocate(tx, target.accountId(), mailboxId, 1))
                .call(allocation -> writes.insertMessage(tx, allocation.mailboxId(), allocation.firstUid(), allocation.modseq(),
                        pending.content(), target.headerPrefix(), target.flags(), pending.delivery().internalDate()))
                .call(allocation -> tx.preparedQuery("""
                                UPDATE mailstore.deliveries SET mailbox_id = $3, uid = $4 WHERE message_id = $1 AND account_id = $2""")
                        .execute(Tuple.of(messageId, target.accountId(), allocation.mailboxId(), allocation.firstUid())))
                .map(allocation -> new DeliveryOutcome(messageId, target.accountId(), DeliveryOutcome.Status.DELIVERED,
                        Optional.of(new AppendResult(allocation.mailboxId(), allocation.uidValidity(), allocation.firstUid(), allocation.modseq()))));
    }

    /** Over quota: give the idempotency key back so a later attempt (after the user made room) can deliver. */
    private static Uni<DeliveryOutcome> release(SqlConnection tx, String messageId, String accountId) {
        return tx.preparedQuery("DELETE FROM mailstore.deliveries WHERE message_id = $1 AND account_id = $2")
                .execute(Tuple.of(messageId, accountId))
                .replaceWith(new DeliveryOutcome(messageId, accountId, DeliveryOutcome.Status.OVER_QUOTA, Optional.empty()));
    }

    private static Uni<DeliveryOutcome> duplicate(SqlConnection tx, String messageId, String accountId) {
        return tx.preparedQuery("""
                        SELECT d.mailbox_id, d.uid, b.uid_validity, m.modseq
                        FROM mailstore.deliveries d
                        JOIN mailstore.mailboxes b ON b.id = d.mailbox_id
                        LEFT JOIN mailstore.messages m ON m.mailbox_id = d.mailbox_id AND m.uid = d.uid
                        WHERE d.message_id = $1 AND d.account_id = $2""")
                .execute(Tuple.of(messageId, accountId))
                .map(rows -> {
                    Optional<AppendResult> stored = Optional.empty();
                    if (rows.size() > 0) {
                        Row row = rows.iterator().next();
                        Long modseq = row.getLong("modseq");
                        stored = Optional.of(new AppendResult(row.getLong("mailbox_id"), row.getLong("uid_validity"), row.getLong("uid"),
                                modseq == null ? 0 : modseq));
                    }
                    return new DeliveryOutcome(messageId, accountId, DeliveryOutcome.Status.DUPLICATE, stored);
                });
    }

    /** The destination's mailbox id, INBOX when the account has no such mailbox; the quarantine mailbox is made on demand. */
    private static Uni<Long> mailboxFor(SqlConnection tx, DeliveryTarget target) {
        Destination destination = target.destination();
        Uni<?> ready = destination.quarantine()
                ? tx.preparedQuery("""
                                INSERT INTO mailstore.mailboxes (account_id, name, subscribed) VALUES ($1, $2, false)
                                ON CONFLICT (account_id, name) DO NOTHING""")
                        .execute(Tuple.of(target.accountId(), destination.folder()))
                : Uni.createFrom().voidItem();
        return ready.chain(() -> tx.preparedQuery("""
                                SELECT id FROM mailstore.mailboxes
                                WHERE account_id = $1 AND (name = $2 OR special_use = $3 OR name = $4)
                                ORDER BY name = $4 LIMIT 1""")
                        .execute(Tuple.of(target.accountId(), destination.folder(),
                                destination.specialUse() == null ? null : destination.specialUse().attribute(), Mailboxes.INBOX)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new IllegalStateException("account " + target.accountId() + " has no INBOX");
                    }
                    return rows.iterator().next().getLong("id");
                });
    }
}
