package io.mailfleet.mailstore;

import io.mailfleet.mailstore.blob.BlobId;
import io.mailfleet.mailstore.blob.BlobStore;
import io.mailfleet.mailstore.mime.MessageParser;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The messages of one mailbox, as IMAP uses them: FETCH metadata by UID range, the message bytes,
 * STORE with MODSEQ, EXPUNGE, COPY, MOVE and APPEND. Every call names the account and the mailbox id;
 * statements check that the mailbox belongs to the account.
 */
@ApplicationScoped
public class Messages {

    private static final String ENTRY = """
            SELECT m.mailbox_id, m.uid, m.modseq, m.system_flags, m.keywords, m.internal_date, m.size, m.sha256,
                   length(m.header_prefix) AS prefix_size, c.envelope, c.body_structure
            FROM mailstore.messages m
            JOIN mailstore.mailboxes b ON b.id = m.mailbox_id
            JOIN mailstore.contents c ON c.sha256 = m.sha256
            """;

    private final Pool pool;
    private final MailstoreWrites writes;
    private final BlobStore blobs;
    private final MessageParser parser;

    Messages(Pool pool, MailstoreWrites writes, BlobStore blobs, MessageParser parser) {
        this.pool = pool;
        this.writes = writes;
        this.blobs = blobs;
        this.parser = parser;
    }

    /** Messages with UIDs in the range, ascending: sequence numbers are positions in {@code list(…, ALL)}. */
    public Uni<List<MessageEntry>> list(String accountId, long mailboxId, UidRange range) {
        return pool.preparedQuery(ENTRY + """
                        WHERE b.account_id = $1 AND m.mailbox_id = $2 AND m.uid BETWEEN $3 AND $4 ORDER BY m.uid""")
                .execute(Tuple.of(accountId, mailboxId, range.first(), range.last()))
                .map(Messages::entries);
    }

    /** CONDSTORE: messages whose modseq is greater than {@code modseq}, ascending by UID. */
    public Uni<List<MessageEntry>> changedSince(String accountId, long mailboxId, long modseq) {
        return pool.preparedQuery(ENTRY + """
                        WHERE b.account_id = $1 AND m.mailbox_id = $2 AND m.modseq > $3 ORDER BY m.uid""")
                .execute(Tuple.of(accountId, mailboxId, modseq))
                .map(Messages::entries);
    }

    /** QRESYNC: UIDs expunged with a modseq greater than {@code modseq}. */
    public Uni<List<Long>> expungedSince(String accountId, long mailboxId, long modseq) {
        return pool.preparedQuery("""
                        SELECT e.uid FROM mailstore.expunged e JOIN mailstore.mailboxes b ON b.id = e.mailbox_id
                        WHERE b.account_id = $1 AND e.mailbox_id = $2 AND e.modseq > $3 ORDER BY e.uid""")
                .execute(Tuple.of(accountId, mailboxId, modseq))
                .map(rows -> {
                    List<Long> uids = new ArrayList<>(rows.size());
                    rows.forEach(row -> uids.add(row.getLong("uid")));
                    return uids;
                });
    }

    /** SEARCH TEXT/BODY: UIDs whose indexed words match all the words of {@code query}. */
    public Uni<List<Long>> searchText(String accountId, long mailboxId, String query) {
        return pool.preparedQuery("""
                        SELECT m.uid FROM mailstore.messages m
                        JOIN mailstore.mailboxes b ON b.id = m.mailbox_id
                        JOIN mailstore.contents c ON c.sha256 = m.sha256
                        WHERE b.account_id = $1 AND m.mailbox_id = $2 AND c.search_text @@ plainto_tsquery('simple', $3)
                        ORDER BY m.uid""")
                .execute(Tuple.of(accountId, mailboxId, query))
                .map(rows -> {
                    List<Long> uids = new ArrayList<>(rows.size());
                    rows.forEach(row -> uids.add(row.getLong("uid")));
                    return uids;
                });
    }

    /** The full message as the client sees it (per-recipient header lines, then the stored blob); empty if no such UID. */
    public Uni<Optional<byte[]>> content(String accountId, long mailboxId, long uid) {
        return pool.preparedQuery("""
                        SELECT m.header_prefix, m.sha256 FROM mailstore.messages m JOIN mailstore.mailboxes b ON b.id = m.mailbox_id
                        WHERE b.account_id = $1 AND m.mailbox_id = $2 AND m.uid = $3""")
                .execute(Tuple.of(accountId, mailboxId, uid))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<byte[]>empty());
                    }
                    Row row = rows.iterator().next();
                    byte[] prefix = row.getBuffer("header_prefix").getBytes();
                    BlobId blob = BlobId.fromDigest(row.getBuffer("sha256").getBytes());
                    return blobs.read(pool, blob).map(body -> {
                        byte[] message = Arrays.copyOf(prefix, prefix.length + body.length);
                        System.arraycopy(body, 0, message, prefix.length, body.length);
                        return Optional.of(message);
                    });
                });
    }

    /**
     * STORE: changes the flags of the messages in {@code range}, all under one new modseq. With
     * {@code unchangedSince} (CONDSTORE) messages modified after it are left alone; they are the
     * {@code MODIFIED} set, i.e. the ones missing from the result. Messages whose flags do not change keep their modseq.
     */
    public Uni<List<FlagChange>> setFlags(String accountId, long mailboxId, UidRange range, FlagUpdate update, Optional<Long> unchangedSince) {
        int bits = update.flags().systemBits();
        String[] keywords = update.flags().keywordArray();
        String newBits = switch (update.mode()) {
            case REPLACE -> "$5::smallint";
            case ADD -> "(system_flags | $5::smallint)";
            case REMOVE -> "(system_flags & ~$5::smallint)";
        };
        String newKeywords = switch (update.mode()) {
            case REPLACE -> "$6::text[]";
            case ADD -> "ARRAY(SELECT DISTINCT k FROM unnest(keywords || $6::text[]) AS k ORDER BY k)";
            case REMOVE -> "ARRAY(SELECT k FROM unnest(keywords) AS k WHERE k <> ALL($6::text[]) ORDER BY k)";
        };
        return pool.withTransaction(tx -> writes.allocate(tx, accountId, mailboxId, 0)
                .chain(allocation -> tx.preparedQuery("""
                                UPDATE mailstore.messages SET system_flags = %1$s, keywords = %2$s, modseq = $7
                                WHERE mailbox_id = $1 AND uid BETWEEN $2 AND $3 AND modseq <= $4
                                  AND (system_flags <> %1$s OR keywords <> %2$s)
                                RETURNING uid, modseq, system_flags, keywords""".formatted(newBits, newKeywords))
                        .execute(Tuple.from(new Object[] {mailboxId, range.first(), range.last(), unchangedSince.orElse(Long.MAX_VALUE),
                                (short) bits, keywords, allocation.modseq()}))
                        .map(rows -> {
                            List<FlagChange> changes = new ArrayList<>(rows.size());
                            rows.forEach(row -> changes.add(new FlagChange(row.getLong("uid"), row.getLong("modseq"), flags(row))));
                            changes.sort((a, b) -> Long.compare(a.uid(), b.uid()));
                            return changes;
                        })));
    }

    /** EXPUNGE / UID EXPUNGE: removes the {@code \Deleted} messages (within {@code range}), gives the quota back. */
    public Uni<Expunged> expunge(String accountId, long mailboxId, UidRange range) {
        return pool.withTransaction(tx -> writes.allocate(tx, accountId, mailboxId, 0)
                .chain(allocation -> tx.preparedQuery("""
                                DELETE FROM mailstore.messages
                                WHERE mailbox_id = $1 AND uid BETWEEN $2 AND $3 AND system_flags & $4 <> 0
                                RETURNING uid, size""")
                        .execute(Tuple.of(mailboxId, range.first(), range.last(), (short) SystemFlag.DELETED.bit()))
                        .chain(rows -> {
                            List<Long> uids = new ArrayList<>(rows.size());
                            long freed = 0;
                            for (Row row : rows) {
                                uids.add(row.getLong("uid"));
                                freed += row.getLong("size");
                            }
                            long bytes = freed;
                            uids.sort(Long::compare);
                            Expunged expunged = new Expunged(uids, allocation.modseq());
                            if (uids.isEmpty()) {
                                return Uni.createFrom().item(expunged);
                            }
                            return tx.preparedQuery("""
                                            INSERT INTO mailstore.expunged (mailbox_id, uid, modseq)
                                            SELECT $1, uid, $3 FROM unnest($2::bigint[]) AS uid""")
                                    .execute(Tuple.of(mailboxId, uids.toArray(Long[]::new), allocation.modseq()))
                                    .chain(() -> writes.release(tx, accountId, bytes, uids.size()))
                                    .replaceWith(expunged);
                        })));
    }

    /** COPY: new entries for the same blobs in the target mailbox, with fresh UIDs in source UID order. */
    public Uni<UidMapping> copy(String accountId, long sourceMailboxId, UidRange range, long targetMailboxId) {
        return pool.withTransaction(tx -> copy(tx, accountId, sourceMailboxId, range, targetMailboxId, true));
    }

    /** MOVE (RFC 6851): COPY then expunge the sources, in one transaction; the quota does not change. */
    public Uni<UidMapping> move(String accountId, long sourceMailboxId, UidRange range, long targetMailboxId) {
        return pool.withTransaction(tx -> copy(tx, accountId, sourceMailboxId, range, targetMailboxId, false)
                .chain(mapping -> mapping.sourceUids().isEmpty()
                        ? Uni.createFrom().item(mapping)
                        : writes.allocate(tx, accountId, sourceMailboxId, 0)
                                .chain(source -> tx.preparedQuery("""
                                                WITH gone AS (DELETE FROM mailstore.messages WHERE mailbox_id = $1 AND uid = ANY($2::bigint[])
                                                              RETURNING uid)
                                                INSERT INTO mailstore.expunged (mailbox_id, uid, modseq) SELECT $1, uid, $3 FROM gone""")
                                        .execute(Tuple.of(sourceMailboxId, mapping.sourceUids().toArray(Long[]::new), source.modseq())))
                                .replaceWith(mapping)));
    }

    private Uni<UidMapping> copy(SqlConnection tx, String accountId, long sourceMailboxId, UidRange range, long targetMailboxId,
                                 boolean chargeQuota) {
        return tx.preparedQuery("""
                        SELECT m.uid, m.size FROM mailstore.messages m JOIN mailstore.mailboxes b ON b.id = m.mailbox_id
                        WHERE b.account_id = $1 AND m.mailbox_id = $2 AND m.uid BETWEEN $3 AND $4 ORDER BY m.uid FOR SHARE OF m""")
                .execute(Tuple.of(accountId, sourceMailboxId, range.first(), range.last()))
                .chain(rows -> {
                    List<Long> sourceUids = new ArrayList<>(rows.size());
                    long bytes = 0;
                    for (Row row : rows) {
                        sourceUids.add(row.getLong("uid"));
                        bytes += row.getLong("size");
                    }
                    long totalBytes = bytes;
                    return writes.allocate(tx, accountId, targetMailboxId, sourceUids.size())
                            .call(target -> sourceUids.isEmpty() || !chargeQuota ? Uni.createFrom().voidItem() : writes.charge(tx, accountId, totalBytes, sourceUids.size())
                                    .invoke(charged -> {
                                        if (!charged) {
                                            throw new MailstoreException(MailstoreException.Reason.OVER_QUOTA, "copy would exceed the quota of " + accountId);
                                        }
                                    }))
                            .call(target -> sourceUids.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                                            INSERT INTO mailstore.messages
                                              (mailbox_id, uid, modseq, sha256, header_prefix, size, system_flags, keywords, internal_date)
                                            SELECT $1, $2 + ordinality - 1, $3, m.sha256, m.header_prefix, m.size, m.system_flags, m.keywords, m.internal_date
                                            FROM unnest($5::bigint[]) WITH ORDINALITY AS source(uid, ordinality)
                                            JOIN mailstore.messages m ON m.mailbox_id = $4 AND m.uid = source.uid""")
                                    .execute(Tuple.of(targetMailboxId, target.firstUid(), target.modseq(), sourceMailboxId,
                                            sourceUids.toArray(Long[]::new))))
                            .map(target -> {
                                List<Long> targetUids = new ArrayList<>(sourceUids.size());
                                for (int i = 0; i < sourceUids.size(); i++) {
                                    targetUids.add(target.firstUid() + i);
                                }
                                return new UidMapping(targetMailboxId, target.uidValidity(), sourceUids, targetUids, target.modseq());
                            });
                });
    }

    /** APPEND: stores the bytes exactly as given (parsed off the event loop), charged to the account's quota. */
    public Uni<AppendResult> append(String accountId, long mailboxId, byte[] message, Flags flags, OffsetDateTime internalDate) {
        return appendAll(accountId, mailboxId, List.of(new NewMessage(message, flags, internalDate))).map(results -> results.get(0));
    }

    /**
     * MULTIAPPEND (RFC 3502): all the messages or none, in one transaction, with consecutive UIDs in the given
     * order under one modseq; the quota is charged for all of them at once.
     */
    public Uni<List<AppendResult>> appendAll(String accountId, long mailboxId, List<NewMessage> newMessages) {
        if (newMessages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        long octets = newMessages.stream().mapToLong(m -> m.message().length).sum();
        return Uni.createFrom().item(() -> newMessages.stream().map(m -> StoredContent.prepare(parser, m.message())).toList())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(contents -> pool.withTransaction(tx -> Multi.createFrom().iterable(contents)
                        .onItem().transformToUniAndConcatenate(content -> writes.storeContent(tx, content))
                        .collect().last()
                        .chain(() -> writes.charge(tx, accountId, octets, newMessages.size()))
                        .chain(charged -> {
                            if (!charged) {
                                return Uni.createFrom().failure(new MailstoreException(MailstoreException.Reason.OVER_QUOTA,
                                        "append would exceed the quota of " + accountId));
                            }
                            return writes.allocate(tx, accountId, mailboxId, newMessages.size());
                        })
                        .call(allocation -> Multi.createFrom().range(0, newMessages.size())
                                .onItem().transformToUniAndConcatenate(i -> writes.insertMessage(tx, mailboxId, allocation.firstUid() + i,
                                        allocation.modseq(), contents.get(i), new byte[0], newMessages.get(i).flags(),
                                        newMessages.get(i).internalDate()))
                                .collect().last())
                        .map(allocation -> {
                            List<AppendResult> results = new ArrayList<>(newMessages.size());
                            for (int i = 0; i < newMessages.size(); i++) {
                                results.add(new AppendResult(mailboxId, allocation.uidValidity(), allocation.firstUid() + i,
                                        allocation.modseq()));
                            }
                            return results;
                        })));
    }

    private static List<MessageEntry> entries(RowSet<Row> rows) {
        List<MessageEntry> entries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            entries.add(new MessageEntry(row.getLong("mailbox_id"), row.getLong("uid"), row.getLong("modseq"), flags(row),
                    row.getOffsetDateTime("internal_date"), row.getLong("size"),
                    BlobId.fromDigest(row.getBuffer("sha256").getBytes()), row.getInteger("prefix_size"),
                    row.getJsonObject("envelope"), row.getJsonObject("body_structure")));
        }
        return entries;
    }

    private static Flags flags(Row row) {
        return new Flags(SystemFlag.fromBits(row.getShort("system_flags")), Set.copyOf(Arrays.asList(row.getArrayOfStrings("keywords"))));
    }
}
