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

    /** INBOX and the SPECIAL-USE set, created with every account. */
    private static final String[] DEFAULT_NAMES;
    private static final String[] DEFAULT_SPECIAL_USES;

    static {
        DEFAULT_NAMES = new String[SpecialUse.values().length + 1];
        DEFAULT_SPECIAL_USES = new String[DEFAULT_NAMES.length];
        DEFAULT_NAMES[0] = Mailboxes.INBOX;
        for (SpecialUse use : SpecialUse.values()) {
            DEFAULT_NAMES[use.ordinal() + 1] = use.defaultName();
            DEFAULT_SPECIAL_USES[use.ordinal() + 1] = use.attribute();
        }
    }

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
     * The same inside the caller's transaction, in ONE statement (the account row and its default
     * mailboxes), so callers can pipeline it with the statements that follow. Concurrent callers are
     * safe: the second waits on the primary key until the first commits, then finds the row there.
     */
    public Uni<Boolean> ensureAccount(SqlConnection tx, String accountId) {
        return tx.preparedQuery("""
                        WITH created AS (
                            INSERT INTO mailstore.accounts (account_id, quota_bytes, quota_messages) VALUES ($1, $2, $3)
                            ON CONFLICT (account_id) DO NOTHING RETURNING account_id)
                        INSERT INTO mailstore.mailboxes (account_id, name, special_use)
                        SELECT created.account_id, defaults.name, defaults.special_use
                        FROM created, unnest($4::text[], $5::text[]) AS defaults(name, special_use)
                        RETURNING id""")
                .execute(Tuple.from(new Object[] {accountId, boxed(config.defaultQuota().bytesLimit()), boxed(config.defaultQuota().messagesLimit()),
                        DEFAULT_NAMES, DEFAULT_SPECIAL_USES}))
                .map(rows -> rows.size() > 0);
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
