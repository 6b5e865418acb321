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
public class DomainStore {

    private final Pool pool;

    public DomainStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Domain> add(SqlClient client, UUID tenantId, String name) {
        return client.preparedQuery("INSERT INTO directory.domains (name, tenant_id) VALUES ($1, $2) RETURNING *")
                .execute(Tuple.of(name, tenantId))
                .map(rows -> Rows.first(rows, Domain::from).orElseThrow());
    }

    public Uni<Domain> add(UUID tenantId, String name) {
        return add(pool, tenantId, name);
    }

    public Uni<List<Domain>> list(UUID tenantId) {
        return pool.preparedQuery("SELECT * FROM directory.domains WHERE tenant_id = $1 ORDER BY name")
                .execute(Tuple.of(tenantId)).map(rows -> Rows.list(rows, Domain::from));
    }

    /** The domain, whichever tenant hosts it. */
    public Uni<Optional<Domain>> find(String name) {
        return pool.preparedQuery("SELECT * FROM directory.domains WHERE name = $1").execute(Tuple.of(name))
                .map(rows -> Rows.first(rows, Domain::from));
    }

    public Uni<Optional<Domain>> find(UUID tenantId, String name) {
        return pool.preparedQuery("SELECT * FROM directory.domains WHERE tenant_id = $1 AND name = $2")
                .execute(Tuple.of(tenantId, name)).map(rows -> Rows.first(rows, Domain::from));
    }

    /** Removes the domain with its accounts and aliases. */
    public Uni<Boolean> delete(UUID tenantId, String name) {
        return pool.preparedQuery("DELETE FROM directory.domains WHERE tenant_id = $1 AND name = $2")
                .execute(Tuple.of(tenantId, name)).map(rows -> rows.rowCount() == 1);
    }
}
