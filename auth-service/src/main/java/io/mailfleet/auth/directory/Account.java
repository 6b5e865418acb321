package io.mailfleet.auth.directory;

import java.time.OffsetDateTime;
import java.util.UUID;

public record Account(UUID id, UUID tenantId, String address, Role role, Status status, long quotaBytes,
                      String keycloakUserId, OffsetDateTime createdAt) {

    public enum Role { USER, TENANT_ADMIN }

    public enum Status { ACTIVE, DISABLED }

    static final String COLUMNS = "id, tenant_id, address, role, status, quota_bytes, keycloak_user_id, created_at";

    static Account from(io.vertx.mutiny.sqlclient.Row row) {
        return new Account(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("address"),
                Role.valueOf(row.getString("role")), Status.valueOf(row.getString("status")), row.getLong("quota_bytes"),
                row.getString("keycloak_user_id"), row.getOffsetDateTime("created_at"));
    }
}
