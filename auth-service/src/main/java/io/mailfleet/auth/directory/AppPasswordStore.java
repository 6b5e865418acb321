package io.mailfleet.auth.directory;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AppPasswordStore {

    /** An app password's id with its stored hash, for verification only. */
    public record StoredHash(UUID id, String hash) {
    }

    private final Pool pool;

    public AppPasswordStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts unless the account already has {@code max} app passwords; the check and the insert are one
     * statement so concurrent requests cannot exceed the limit. Empty when the limit was reached.
     */
    public Uni<java.util.Optional<AppPassword>> create(UUID accountId, String label, String hash, int max) {
        return pool.preparedQuery("INSERT INTO directory.app_passwords (id, account_id, label, hash) "
                        + "SELECT $1, $2, $3, $4 WHERE (SELECT count(*) FROM directory.app_passwords WHERE account_id = $2) < $5 "
                        + "RETURNING *")
                .execute(Tuple.of(UUID.randomUUID(), accountId, label, hash, max))
                .map(rows -> Rows.first(rows, AppPassword::from));
    }

    public Uni<List<AppPassword>> list(UUID accountId) {
        return pool.preparedQuery("SELECT * FROM directory.app_passwords WHERE account_id = $1 ORDER BY created_at")
                .execute(Tuple.of(accountId)).map(rows -> Rows.list(rows, AppPassword::from));
    }

    public Uni<List<StoredHash>> hashes(UUID accountId) {
        return pool.preparedQuery("SELECT id, hash FROM directory.app_passwords WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> Rows.list(rows, row -> new StoredHash(row.getUUID("id"), row.getString("hash"))));
    }

    public Uni<Void> markUsed(UUID id) {
        return pool.preparedQuery("UPDATE directory.app_passwords SET last_used_at = now() WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Boolean> delete(UUID accountId, UUID id) {
        return pool.preparedQuery("DELETE FROM directory.app_passwords WHERE account_id = $1 AND id = $2")
                .execute(Tuple.of(accountId, id)).map(rows -> rows.rowCount() == 1);
    }
}
