package io.mailfleet.auth.directory;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AccountStore {

    private static final String RETURNING = " RETURNING " + Account.COLUMNS;

    private final Pool pool;

    public AccountStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Account> create(SqlClient client, UUID tenantId, Addresses.Address address, Account.Role role, long quotaBytes) {
        return client.preparedQuery("INSERT INTO directory.accounts (id, tenant_id, address, domain, role, quota_bytes) "
                        + "VALUES ($1, $2, $3, $4, $5, $6)" + RETURNING)
                .execute(Tuple.of(UUID.randomUUID(), tenantId, address.toString(), address.domain(), role.name(), quotaBytes))
                .map(rows -> Rows.first(rows, Account::from).orElseThrow());
    }

    public Uni<Account> create(UUID tenantId, Addresses.Address address, Account.Role role, long quotaBytes) {
        return create(pool, tenantId, address, role, quotaBytes);
    }

    public Uni<Optional<Account>> find(UUID tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + Account.COLUMNS + " FROM directory.accounts WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, Account::from));
    }

    /** For resources addressed by account id alone; the caller checks the tenant. */
    public Uni<Optional<Account>> find(UUID id) {
        return pool.preparedQuery("SELECT " + Account.COLUMNS + " FROM directory.accounts WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, Account::from));
    }

    public Uni<Optional<Account>> findByAddress(String address) {
        return pool.preparedQuery("SELECT " + Account.COLUMNS + " FROM directory.accounts WHERE address = $1")
                .execute(Tuple.of(address)).map(rows -> Rows.first(rows, Account::from));
    }

    public Uni<List<Account>> findByAddresses(List<String> addresses) {
        return pool.preparedQuery("SELECT " + Account.COLUMNS + " FROM directory.accounts WHERE address = ANY($1)")
                .execute(Tuple.of(addresses.toArray(String[]::new))).map(rows -> Rows.list(rows, Account::from));
    }

    public Uni<List<Account>> list(UUID tenantId) {
        return pool.preparedQuery("SELECT " + Account.COLUMNS + " FROM directory.accounts WHERE tenant_id = $1 ORDER BY address")
                .execute(Tuple.of(tenantId)).map(rows -> Rows.list(rows, Account::from));
    }

    public Uni<Optional<Account>> setStatus(UUID tenantId, UUID id, Account.Status status) {
        return pool.preparedQuery("UPDATE directory.accounts SET status = $3 WHERE tenant_id = $1 AND id = $2" + RETURNING)
                .execute(Tuple.of(tenantId, id, status.name())).map(rows -> Rows.first(rows, Account::from));
    }

    public Uni<Optional<Account>> setQuota(UUID tenantId, UUID id, long quotaBytes) {
        return pool.preparedQuery("UPDATE directory.accounts SET quota_bytes = $3 WHERE tenant_id = $1 AND id = $2" + RETURNING)
                .execute(Tuple.of(tenantId, id, quotaBytes)).map(rows -> Rows.first(rows, Account::from));
    }

    public Uni<Void> setKeycloakUserId(UUID id, String keycloakUserId) {
        return pool.preparedQuery("UPDATE directory.accounts SET keycloak_user_id = $2 WHERE id = $1")
                .execute(Tuple.of(id, keycloakUserId)).replaceWithVoid();
    }

    public Uni<Boolean> delete(UUID tenantId, UUID id) {
        return pool.preparedQuery("DELETE FROM directory.accounts WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }
}
