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
public class TenantStore {

    private final Pool pool;

    public TenantStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Tenant> create(SqlClient client, String name) {
        return client.preparedQuery("INSERT INTO directory.tenants (id, name) VALUES ($1, $2) RETURNING *")
                .execute(Tuple.of(UUID.randomUUID(), name))
                .map(rows -> Rows.first(rows, Tenant::from).orElseThrow());
    }

    public Uni<Optional<Tenant>> find(UUID id) {
        return pool.preparedQuery("SELECT * FROM directory.tenants WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, Tenant::from));
    }

    public Uni<List<Tenant>> list() {
        return pool.query("SELECT * FROM directory.tenants ORDER BY name").execute().map(rows -> Rows.list(rows, Tenant::from));
    }

    public Uni<Optional<Tenant>> setStatus(UUID id, Tenant.Status status) {
        return pool.preparedQuery("UPDATE directory.tenants SET status = $2 WHERE id = $1 RETURNING *")
                .execute(Tuple.of(id, status.name()))
                .map(rows -> Rows.first(rows, Tenant::from));
    }

    public Uni<Void> setKeycloakOrganizationId(UUID id, String organizationId) {
        return pool.preparedQuery("UPDATE directory.tenants SET keycloak_organization_id = $2 WHERE id = $1")
                .execute(Tuple.of(id, organizationId)).replaceWithVoid();
    }

    /** Removes the tenant with its domains, accounts, aliases and app passwords (foreign keys cascade). */
    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM directory.tenants WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }
}
