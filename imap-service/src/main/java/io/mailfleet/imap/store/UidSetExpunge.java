package io.mailfleet.imap.store;

import io.mailfleet.mailstore.Expunged;
import io.mailfleet.mailstore.MailstoreWrites;
import io.mailfleet.mailstore.SystemFlag;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Expunge of an exact UID set in one transaction: UID EXPUNGE with a non-contiguous set, and POP3's
 * QUIT, which must remove exactly the messages DELE marked and nothing an IMAP user merely flagged
 * {@code \Deleted}. {@code Messages.expunge} only takes one contiguous range of {@code \Deleted} messages.
 *
 * <p>Candidate for libs/mailstore ({@code Messages.expunge(accountId, mailboxId, uids, onlyDeleted)}):
 * it uses {@link MailstoreWrites} for the counters and quota exactly like the mailstore's own expunge.
 */
@ApplicationScoped
public class UidSetExpunge {

    private final Pool pool;
    private final MailstoreWrites writes;

    UidSetExpunge(Pool pool, MailstoreWrites writes) {
        this.pool = pool;
        this.writes = writes;
    }

    /** Removes the messages with these UIDs ({@code onlyDeleted}: only those flagged {@code \Deleted}). */
    public Uni<Expunged> expunge(String accountId, long mailboxId, List<Long> uids, boolean onlyDeleted) {
        return pool.withTransaction(tx -> writes.allocate(tx, accountId, mailboxId, 0)
                .chain(allocation -> tx.preparedQuery("""
                                DELETE FROM mailstore.messages
                                WHERE mailbox_id = $1 AND uid = ANY($2::bigint[]) AND (NOT $3 OR system_flags & $4 <> 0)
                                RETURNING uid, size""")
                        .execute(Tuple.of(mailboxId, uids.toArray(Long[]::new), onlyDeleted, MessageIndex.bit(SystemFlag.DELETED)))
                        .chain(rows -> {
                            List<Long> gone = new ArrayList<>(rows.size());
                            long freed = 0;
                            for (Row row : rows) {
                                gone.add(row.getLong("uid"));
                                freed += row.getLong("size");
                            }
                            gone.sort(Long::compare);
                            Expunged expunged = new Expunged(gone, allocation.modseq());
                            if (gone.isEmpty()) {
                                return Uni.createFrom().item(expunged);
                            }
                            long bytes = freed;
                            return tx.preparedQuery("""
                                            INSERT INTO mailstore.expunged (mailbox_id, uid, modseq)
                                            SELECT $1, uid, $3 FROM unnest($2::bigint[]) AS uid
                                            ON CONFLICT (mailbox_id, uid) DO UPDATE SET modseq = excluded.modseq""")
                                    .execute(Tuple.of(mailboxId, gone.toArray(Long[]::new), allocation.modseq()))
                                    .chain(() -> writes.release(tx, accountId, bytes, gone.size()))
                                    .replaceWith(expunged);
                        })));
    }
}
