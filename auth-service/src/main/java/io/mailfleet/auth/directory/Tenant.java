package io.mailfleet.auth.directory;

import java.time.OffsetDateTime;
import java.util.UUID;

public record Tenant(UUID id, String name, Status status, String keycloakOrganizationId, OffsetDateTime createdAt) {

    public enum Status { ACTIVE, SUSPENDED }

    static Tenant from(io.vertx.mutiny.sqlclient.Row row) {
        return new Tenant(row.getUUID("id"), row.getString("name"), Status.valueOf(row.getString("status")),
                row.getString("keycloak_organization_id"), row.getOffsetDateTime("created_at"));
    }
}
