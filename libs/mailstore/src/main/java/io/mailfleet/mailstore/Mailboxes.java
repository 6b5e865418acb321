package io.mailfleet.mailstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An account's mailboxes: SELECT/STATUS state, LIST, CREATE, DELETE, RENAME, SUBSCRIBE. Every call
 * names the account, and every statement filters by it: one tenant's id never reaches another's mail.
 */
@ApplicationScoped
public class Mailboxes {

    public static final String INBOX = "INBOX";
    /** The hierarchy delimiter of mailbox names. */
    public static final char DELIMITER = '/';
    /** Where QUARANTINE verdicts go; created on first use, unsubscribed so clients do not show it by default. */
    public static final String QUARANTINE = "Quarantine";

    private static final String STATE = """
            SELECT b.id, b.account_id, b.name, b.special_use, b.subscribed, b.uid_validity, b.uid_next, b.highest_modseq,
                   count(m.uid) AS messages,
                   count(m.uid) FILTER (WHERE m.system_flags & %d = 0) AS unseen,
                   coalesce(sum(m.size), 0) AS size
            FROM mailstore.mailboxes b LEFT JOIN mailstore.messages m ON m.mailbox_id = b.id
            """.formatted(SystemFlag.SEEN.bit());

    private final Pool pool;

    Mailboxes(Pool pool) {
        this.pool = pool;
    }

    /** IMAP names are case-sensitive except INBOX, which is always stored as "INBOX". */
    public static String normalize(String name) {
        return name.equalsIgnoreCase(INBOX) ? INBOX : name;
    }

    public Uni<Optional<MailboxState>> state(String accountId, String name) {
        return state(pool, accountId, name);
    }

    public Uni<Optional<MailboxState>> state(SqlClient client, String accountId, String name) {
        return client.preparedQuery(STATE + " WHERE b.account_id = $1 AND b.name = $2 GROUP BY b.id")
                .execute(Tuple.of(accountId, normalize(name)))
                .map(Mailboxes::first);
    }

    public Uni<Optional<MailboxState>> state(String accountId, long mailboxId) {
        return pool.preparedQuery(STATE + " WHERE b.account_id = $1 AND b.id = $2 GROUP BY b.id")
                .execute(Tuple.of(accountId, mailboxId))
                .map(Mailboxes::first);
    }

    /** The mailbox with that SPECIAL-USE attribute, whatever the user renamed it to. */
    public Uni<Optional<MailboxState>> bySpecialUse(String accountId, SpecialUse use) {
        return pool.preparedQuery(STATE + " WHERE b.account_id = $1 AND b.special_use = $2 GROUP BY b.id")
                .execute(Tuple.of(accountId, use.attribute()))
                .map(Mailboxes::first);
    }

    /** Every mailbox of the account, by name (LIST / LSUB filter these). */
    public Uni<List<MailboxState>> list(String accountId) {
        return pool.preparedQuery(STATE + " WHERE b.account_id = $1 GROUP BY b.id ORDER BY b.name")
                .execute(Tuple.of(accountId))
                .map(Mailboxes::all);
    }

    /** CREATE: the account must exist ({@link MailAccounts#ensureAccount}); parents are not implied. */
    public Uni<MailboxState> create(String accountId, String name) {
        String normalized = normalize(name);
        return pool.withTransaction(tx -> tx.preparedQuery("""
                                INSERT INTO mailstore.mailboxes (account_id, name) SELECT account_id, $2 FROM mailstore.accounts
                                WHERE account_id = $1 ON CONFLICT (account_id, name) DO NOTHING RETURNING id""")
                        .execute(Tuple.of(accountId, normalized))
                        .chain(rows -> rows.size() == 1
                                ? state(tx, accountId, normalized).map(Optional::orElseThrow)
                                : exists(tx, accountId).map(found -> {
                                    throw found
                                            ? new MailstoreException(MailstoreException.Reason.MAILBOX_EXISTS, "mailbox " + normalized + " exists")
                                            : new MailstoreException(MailstoreException.Reason.NO_SUCH_ACCOUNT, "no mailstore account " + accountId);
                                })));
    }

    /**
     * DELETE: the mailbox and its messages (the quota is given back). INBOX and SPECIAL-USE mailboxes
     * are protected; the children of a deleted mailbox stay (RFC 9051 6.3.5).
     */
    public Uni<Void> delete(String accountId, String name) {
        String normalized = normalize(name);
        return pool.withTransaction(tx -> tx.preparedQuery("""
                                SELECT id, special_use FROM mailstore.mailboxes WHERE account_id = $1 AND name = $2 FOR UPDATE""")
                        .execute(Tuple.of(accountId, normalized))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().failure(new MailstoreException(MailstoreException.Reason.NO_SUCH_MAILBOX,
                                        "no mailbox " + normalized));
                            }
                            Row row = rows.iterator().next();
                            if (INBOX.equals(normalized) || row.getString("special_use") != null) {
                                return Uni.createFrom().failure(new MailstoreException(MailstoreException.Reason.MAILBOX_PROTECTED,
                                        normalized + " cannot be deleted"));
                            }
                            long id = row.getLong("id");
                            return tx.preparedQuery("""
                                            WITH gone AS (SELECT coalesce(sum(size), 0) AS bytes, count(*) AS messages
                                                          FROM mailstore.messages WHERE mailbox_id = $2)
                                            UPDATE mailstore.accounts a
                                            SET used_bytes = greatest(a.used_bytes - gone.bytes, 0),
                                                used_messages = greatest(a.used_messages - gone.messages, 0)
                                            FROM gone WHERE a.account_id = $1""")
                                    .execute(Tuple.of(accountId, id))
                                    .chain(() -> tx.preparedQuery("DELETE FROM mailstore.mailboxes WHERE id = $1").execute(Tuple.of(id)))
                                    .replaceWithVoid();
                        }));
    }

    /**
     * RENAME, with the mailbox's children ({@code a/b} moves with {@code a}). Renaming INBOX is refused
     * here (IMAP's move-all-messages semantics belongs to the IMAP layer: create + move).
     */
    public Uni<Void> rename(String accountId, String from, String to) {
        String source = normalize(from);
        String target = normalize(to);
        if (INBOX.equals(source) || INBOX.equals(target)) {
            return Uni.createFrom().failure(new MailstoreException(MailstoreException.Reason.MAILBOX_PROTECTED, "INBOX cannot be renamed"));
        }
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM mailstore.mailboxes WHERE account_id = $1 AND name = $2")
                .execute(Tuple.of(accountId, target))
                .chain(taken -> {
                    if (taken.size() > 0) {
                        return Uni.createFrom().failure(new MailstoreException(MailstoreException.Reason.MAILBOX_EXISTS, "mailbox " + target + " exists"));
                    }
                    return tx.preparedQuery("""
                                    UPDATE mailstore.mailboxes SET name = $3 || substr(name, length($2) + 1)
                                    WHERE account_id = $1 AND (name = $2 OR starts_with(name, $2 || $4))
                                    RETURNING id""")
                            .execute(Tuple.of(accountId, source, target, String.valueOf(DELIMITER)))
                            .map(rows -> {
                                if (rows.size() == 0) {
                                    throw new MailstoreException(MailstoreException.Reason.NO_SUCH_MAILBOX, "no mailbox " + source);
                                }
                                return null;
                            });
                })).replaceWithVoid();
    }

    public Uni<Void> subscribe(String accountId, String name, boolean subscribed) {
        return pool.preparedQuery("UPDATE mailstore.mailboxes SET subscribed = $3 WHERE account_id = $1 AND name = $2")
                .execute(Tuple.of(accountId, normalize(name), subscribed))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new MailstoreException(MailstoreException.Reason.NO_SUCH_MAILBOX, "no mailbox " + name);
                    }
                    return null;
                }).replaceWithVoid();
    }

    private static Uni<Boolean> exists(SqlClient client, String accountId) {
        return client.preparedQuery("SELECT 1 FROM mailstore.accounts WHERE account_id = $1")
                .execute(Tuple.of(accountId)).map(rows -> rows.size() > 0);
    }

    private static Optional<MailboxState> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(toState(iterator.next())) : Optional.empty();
    }

    private static List<MailboxState> all(RowSet<Row> rows) {
        List<MailboxState> states = new ArrayList<>(rows.size());
        rows.forEach(row -> states.add(toState(row)));
        return states;
    }

    private static MailboxState toState(Row row) {
        return new MailboxState(row.getLong("id"), row.getString("account_id"), row.getString("name"),
                Optional.ofNullable(row.getString("special_use")).flatMap(SpecialUse::ofAttribute),
                row.getBoolean("subscribed"), row.getLong("uid_validity"), row.getLong("uid_next"),
                row.getLong("highest_modseq"), row.getLong("messages"), row.getLong("unseen"), row.getLong("size"));
    }
}
