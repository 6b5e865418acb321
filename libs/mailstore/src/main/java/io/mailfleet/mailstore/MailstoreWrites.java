package io.mailfleet.mailstore;

import io.mailfleet.mailstore.blob.BlobStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/**
 * The statements every write shares, always inside the caller's transaction: the per-mailbox counters
 * (UIDNEXT, HIGHESTMODSEQ), the account's quota counters, content and message rows.
 *
 * Shared by the mailstore's own writers ({@link Messages}, local delivery); not an API for services.
 *
 * <p>Counters are changed with {@code UPDATE … RETURNING}: the row lock it takes serialises writers of
 * one mailbox, so UIDs are handed out in commit order, strictly increasing, and a rolled-back
 * transaction's UIDs are never seen (the counter update rolls back with it).
 */
@ApplicationScoped
public class MailstoreWrites {

    /** UIDs allocated in one mailbox by one transaction, and the modseq the transaction's changes carry. */
    public record Allocation(long mailboxId, long uidValidity, long firstUid, long modseq) {
    }

    private final BlobStore blobs;

    MailstoreWrites(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Takes {@code count} UIDs (0 for a flag change or expunge) and one new modseq; fails when the account has no such mailbox. */
    public Uni<Allocation> allocate(SqlConnection tx, String accountId, long mailboxId, int count) {
        return tx.preparedQuery("""
                        UPDATE mailstore.mailboxes SET uid_next = uid_next + $3, highest_modseq = highest_modseq + 1
                        WHERE id = $1 AND account_id = $2
                        RETURNING uid_validity, uid_next - $3 AS first_uid, highest_modseq""")
                .execute(Tuple.of(mailboxId, accountId, count))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new MailstoreException(MailstoreException.Reason.NO_SUCH_MAILBOX, "no mailbox " + mailboxId);
                    }
                    Row row = rows.iterator().next();
                    return new Allocation(mailboxId, row.getLong("uid_validity"), row.getLong("first_uid"), row.getLong("highest_modseq"));
                });
    }

    /** Adds to the account's usage if it stays within quota; false (and nothing changed) otherwise. */
    public Uni<Boolean> charge(SqlConnection tx, String accountId, long bytes, long messages) {
        return tx.preparedQuery("""
                        UPDATE mailstore.accounts SET used_bytes = used_bytes + $2, used_messages = used_messages + $3
                        WHERE account_id = $1
                          AND (quota_bytes IS NULL OR used_bytes + $2 <= quota_bytes)
                          AND (quota_messages IS NULL OR used_messages + $3 <= quota_messages)
                        RETURNING account_id""")
                .execute(Tuple.of(accountId, bytes, messages))
                .map(rows -> rows.size() == 1);
    }

    public Uni<Void> release(SqlConnection tx, String accountId, long bytes, long messages) {
        return tx.preparedQuery("""
                        UPDATE mailstore.accounts SET used_bytes = greatest(used_bytes - $2, 0),
                                                      used_messages = greatest(used_messages - $3, 0)
                        WHERE account_id = $1""")
                .execute(Tuple.of(accountId, bytes, messages))
                .replaceWithVoid();
    }

    /**
     * The blob and its parsed form, each written once however many mailboxes refer to them. Both
     * statements are sent at once (pipelined), so a caller can pipeline the statements that use them.
     */
    public Uni<Void> storeContent(SqlConnection tx, StoredContent content) {
        Buffer sha256 = Buffer.buffer(content.blob().digest());
        Uni<Void> blob = blobs.store(tx, content.blob(), content.bytes());
        Uni<Void> parsed = tx.preparedQuery("""
                        INSERT INTO mailstore.contents (sha256, envelope, body_structure, search_text)
                        VALUES ($1, $2, $3, to_tsvector('simple', $4))
                        ON CONFLICT (sha256) DO NOTHING""")
                .execute(Tuple.of(sha256, content.parsed().envelope(), content.parsed().bodyStructure(), content.parsed().searchText()))
                .replaceWithVoid();
        return Uni.join().all(blob, parsed).andCollectFailures().replaceWithVoid();
    }

    public static int systemBits(Flags flags) {
        return flags.systemBits();
    }

    public static String[] keywords(Flags flags) {
        return flags.keywordArray();
    }

    public Uni<Void> insertMessage(SqlConnection tx, long mailboxId, long uid, long modseq, StoredContent content,
                            byte[] headerPrefix, Flags flags, OffsetDateTime internalDate) {
        return tx.preparedQuery("""
                        INSERT INTO mailstore.messages
                          (mailbox_id, uid, modseq, sha256, header_prefix, size, system_flags, keywords, internal_date)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(Tuple.from(new Object[] {mailboxId, uid, modseq, Buffer.buffer(content.blob().digest()),
                        Buffer.buffer(headerPrefix), (long) headerPrefix.length + content.bytes().length,
                        (short) flags.systemBits(), flags.keywordArray(), internalDate}))
                .replaceWithVoid();
    }
}
