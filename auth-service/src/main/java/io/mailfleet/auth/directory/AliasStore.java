package io.mailfleet.auth.directory;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AliasStore {

    private final Pool pool;

    public AliasStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Alias> create(UUID tenantId, String source, String domain, List<String> targets) {
        return pool.preparedQuery("INSERT INTO directory.aliases (id, tenant_id, source, domain, targets) "
                        + "VALUES ($1, $2, $3, $4, $5) RETURNING *")
                .execute(Tuple.of(UUID.randomUUID(), tenantId, source, domain, targets.toArray(String[]::new)))
                .map(rows -> Rows.first(rows, Alias::from).orElseThrow());
    }

    public Uni<List<Alias>> list(UUID tenantId) {
        return pool.preparedQuery("SELECT * FROM directory.aliases WHERE tenant_id = $1 ORDER BY source")
                .execute(Tuple.of(tenantId)).map(rows -> Rows.list(rows, Alias::from));
    }

    public Uni<Optional<Alias>> find(UUID tenantId, UUID id) {
        return pool.preparedQuery("SELECT * FROM directory.aliases WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, Alias::from));
    }

    /** The aliases (and catch-alls) whose source is one of these, e.g. {@code alice@d} and {@code @d}. */
    public Uni<List<Alias>> findBySources(List<String> sources) {
        return pool.preparedQuery("SELECT * FROM directory.aliases WHERE source = ANY($1)")
                .execute(Tuple.of(sources.toArray(String[]::new))).map(rows -> Rows.list(rows, Alias::from));
    }

    /** Aliases that deliver to this address: the addresses its owner may also send as. */
    public Uni<List<Alias>> targeting(String address) {
        return pool.preparedQuery("SELECT * FROM directory.aliases WHERE targets @> ARRAY[$1]::text[] ORDER BY source")
                .execute(Tuple.of(address)).map(rows -> Rows.list(rows, Alias::from));
    }

    public Uni<Boolean> delete(UUID tenantId, UUID id) {
        return pool.preparedQuery("DELETE FROM directory.aliases WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }
}
