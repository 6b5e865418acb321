package io.mailfleet.imap.store;

import io.mailfleet.mailstore.Flags;
import io.mailfleet.mailstore.SystemFlag;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * UIDs, modseqs and flags of a mailbox without the cached ENVELOPE/BODYSTRUCTURE that
 * {@code Messages.list} carries: SELECT of a 10,000-message mailbox and every resynchronisation read only this.
 *
 * <p>Candidate for libs/mailstore ({@code Messages.index}): it reads the mailstore schema directly and
 * decodes {@code system_flags} with the same bit layout as {@code SystemFlag} (bit = 1 << ordinal).
 */
@ApplicationScoped
public class MessageIndex {

    private final Pool pool;

    MessageIndex(Pool pool) {
        this.pool = pool;
    }

    /** Messages whose modseq is above {@code modseq} (0: all), ascending by UID. */
    public Uni<List<IndexEntry>> changedSince(String accountId, long mailboxId, long modseq) {
        return pool.preparedQuery("""
                        SELECT m.uid, m.modseq, m.system_flags, m.keywords FROM mailstore.messages m
                        JOIN mailstore.mailboxes b ON b.id = m.mailbox_id
                        WHERE b.account_id = $1 AND m.mailbox_id = $2 AND m.modseq > $3 ORDER BY m.uid""")
                .execute(Tuple.of(accountId, mailboxId, modseq))
                .map(rows -> {
                    List<IndexEntry> entries = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        entries.add(new IndexEntry(row.getLong("uid"), row.getLong("modseq"),
                                flags(row.getShort("system_flags"), row.getArrayOfStrings("keywords"))));
                    }
                    return entries;
                });
    }

    /** The current flags of these UIDs, ascending (STORE's FETCH responses, including messages whose flags did not change). */
    public Uni<List<IndexEntry>> entries(String accountId, long mailboxId, List<Long> uids) {
        return pool.preparedQuery("""
                        SELECT m.uid, m.modseq, m.system_flags, m.keywords FROM mailstore.messages m
                        JOIN mailstore.mailboxes b ON b.id = m.mailbox_id
                        WHERE b.account_id = $1 AND m.mailbox_id = $2 AND m.uid = ANY($3::bigint[]) ORDER BY m.uid""")
                .execute(Tuple.of(accountId, mailboxId, uids.toArray(Long[]::new)))
                .map(rows -> {
                    List<IndexEntry> entries = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        entries.add(new IndexEntry(row.getLong("uid"), row.getLong("modseq"),
                                flags(row.getShort("system_flags"), row.getArrayOfStrings("keywords"))));
                    }
                    return entries;
                });
    }

    /** The messages flagged {@code \Deleted} and their octets: STATUS DELETED and DELETED-STORAGE (RFC 9208). */
    public record Deleted(long messages, long octets) {
    }

    public Uni<Deleted> deleted(String accountId, long mailboxId) {
        return pool.preparedQuery("""
                        SELECT count(*) AS deleted, coalesce(sum(m.size), 0) AS octets
                        FROM mailstore.messages m JOIN mailstore.mailboxes b ON b.id = m.mailbox_id
                        WHERE b.account_id = $1 AND m.mailbox_id = $2 AND m.system_flags & $3 <> 0""")
                .execute(Tuple.of(accountId, mailboxId, bit(SystemFlag.DELETED)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Deleted(row.getLong("deleted"), row.getLong("octets"));
                });
    }

    static Flags flags(int bits, String[] keywords) {
        Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        for (SystemFlag flag : SystemFlag.values()) {
            if ((bits & (1 << flag.ordinal())) != 0) {
                system.add(flag);
            }
        }
        return new Flags(system, Set.copyOf(Arrays.asList(keywords)));
    }

    static short bit(SystemFlag flag) {
        return (short) (1 << flag.ordinal());
    }
}
