package io.mailfleet.auth.directory;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An app password without its hash: what may be listed. */
public record AppPassword(UUID id, UUID accountId, String label, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {

    static AppPassword from(io.vertx.mutiny.sqlclient.Row row) {
        return new AppPassword(row.getUUID("id"), row.getUUID("account_id"), row.getString("label"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("last_used_at"));
    }
}
