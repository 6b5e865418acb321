package io.mailfleet.auth.directory;

import java.time.OffsetDateTime;
import java.util.UUID;

public record Domain(String name, UUID tenantId, OffsetDateTime createdAt) {

    static Domain from(io.vertx.mutiny.sqlclient.Row row) {
        return new Domain(row.getString("name"), row.getUUID("tenant_id"), row.getOffsetDateTime("created_at"));
    }
}
