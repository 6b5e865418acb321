package io.mailfleet.auth.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads and purges the stored audit trail. */
@ApplicationScoped
public class AuditStore {

    private final Pool pool;

    public AuditStore(Pool pool) {
        this.pool = pool;
    }

    /** A tenant's events, newest first; {@code type}, {@code from} and {@code to} are optional filters. */
    public Uni<List<AuditEvent>> query(UUID tenantId, AuditType type, Instant from, Instant to, int limit) {
        return pool.preparedQuery("SELECT * FROM audit.events WHERE tenant_id = $1 "
                        + "AND ($2::text IS NULL OR type = $2) AND ($3::timestamptz IS NULL OR at >= $3) "
                        + "AND ($4::timestamptz IS NULL OR at < $4) ORDER BY at DESC LIMIT $5")
                .execute(Tuple.from(new Object[]{tenantId, type == null ? null : type.name(), utc(from), utc(to), limit}))
                .map(rows -> {
                    List<AuditEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(from(row));
                    }
                    return events;
                });
    }

    /** Deletes events older than the cut-off; returns how many. */
    public Uni<Integer> purgeBefore(Instant cutoff) {
        return pool.preparedQuery("DELETE FROM audit.events WHERE at < $1").execute(Tuple.of(utc(cutoff)))
                .map(rows -> rows.rowCount());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static AuditEvent from(Row row) {
        JsonObject details = (JsonObject) row.getValue("details");
        Map<String, String> map = new HashMap<>();
        details.forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
        return new AuditEvent(row.getUUID("id"), row.getOffsetDateTime("at").toInstant(), row.getUUID("tenant_id"),
                AuditType.valueOf(row.getString("type")), row.getString("actor"), row.getString("subject"),
                row.getString("protocol"), row.getString("client_ip"), row.getString("outcome"), Map.copyOf(map));
    }
}
