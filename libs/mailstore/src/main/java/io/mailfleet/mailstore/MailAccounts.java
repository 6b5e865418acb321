package io.mailfleet.mailstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.OptionalLong;

/**
 * The mailstore's own account rows ({@code mailstore.accounts}): quota and usage. Kept apart from
 * auth-service's directory on purpose; an account's row and its default mailboxes (INBOX and the
 * SPECIAL-USE set) appear on first delivery or through {@link #ensureAccount}.
 */
@ApplicationScoped
public class MailAccounts {

    private final Pool pool;
    private final MailstoreConfig config;

    MailAccounts(Pool pool, MailstoreConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Creates the account with the default quota and mailboxes unless it exists; true when it was created now. */
    public Uni<Boolean> ensureAccount(String accountId) {
        return pool.withTransaction(tx -> ensureAccount(tx, accountId));
    }

    /**
     * The same inside the caller's transaction. Concurrent callers are safe: the second waits on the
     * primary key until the first commits, then finds the row (and the mailboxes) there.
     */
    public Uni<Boolean> ensureAccount(SqlConnection tx, String accountId) {
        return tx.preparedQuery("""
                        INSERT INTO mailstore.accounts (account_id, quota_bytes, quota_messages) VALUES ($1, $2, $3)
                        ON CONFLICT (account_id) DO NOTHING RETURNING account_id""")
                .execute(Tuple.of(accountId, boxed(config.defaultQuota().bytes()), boxed(config.defaultQuota().messages())))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false) : createDefaultMailboxes(tx, accountId).replaceWith(true));
    }

    private static Uni<Void> createDefaultMailboxes(SqlConnection tx, String accountId) {
        String[] names = new String[SpecialUse.values().length + 1];
        String[] uses = new String[names.length];
        names[0] = Mailboxes.INBOX;
        for (SpecialUse use : SpecialUse.values()) {
            names[use.ordinal() + 1] = use.defaultName();
            uses[use.ordinal() + 1] = use.attribute();
        }
        return tx.preparedQuery("""
                        INSERT INTO mailstore.mailboxes (account_id, name, special_use)
                        SELECT $1, name, special_use FROM unnest($2::text[], $3::text[]) AS defaults(name, special_use)""")
                .execute(Tuple.of(accountId, names, uses))
                .replaceWithVoid();
    }

    /** Sets the quota (empty: unlimited); creates the account when needed. Current usage is kept. */
    public Uni<Void> setQuota(String accountId, OptionalLong bytes, OptionalLong messages) {
        return pool.withTransaction(tx -> ensureAccount(tx, accountId)
                .chain(() -> tx.preparedQuery("UPDATE mailstore.accounts SET quota_bytes = $2, quota_messages = $3 WHERE account_id = $1")
                        .execute(Tuple.of(accountId, boxed(bytes), boxed(messages))))
                .replaceWithVoid());
    }

    public Uni<AccountUsage> usage(String accountId) {
        return usage(pool, accountId);
    }

    public Uni<AccountUsage> usage(SqlClient client, String accountId) {
        return client.preparedQuery("""
                        SELECT quota_bytes, quota_messages, used_bytes, used_messages FROM mailstore.accounts WHERE account_id = $1""")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new MailstoreException(MailstoreException.Reason.NO_SUCH_ACCOUNT, "no mailstore account " + accountId);
                    }
                    Row row = rows.iterator().next();
                    return new AccountUsage(accountId, optional(row.getLong("quota_bytes")), optional(row.getLong("quota_messages")),
                            row.getLong("used_bytes"), row.getLong("used_messages"));
                });
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
