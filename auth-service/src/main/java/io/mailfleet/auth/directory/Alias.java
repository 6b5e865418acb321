package io.mailfleet.auth.directory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code source} is {@code local@domain} (an alias with one target, a distribution list with several)
 * or {@code @domain}, the domain's catch-all.
 */
public record Alias(UUID id, UUID tenantId, String source, List<String> targets, OffsetDateTime createdAt) {

    public boolean catchAll() {
        return source.startsWith("@");
    }

    static Alias from(io.vertx.mutiny.sqlclient.Row row) {
        return new Alias(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("source"),
                List.of(row.getArrayOfStrings("targets")), row.getOffsetDateTime("created_at"));
    }
}
