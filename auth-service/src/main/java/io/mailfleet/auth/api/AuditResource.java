package io.mailfleet.auth.api;

import io.mailfleet.auth.audit.AuditConfig;
import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditStore;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.problem.ProblemException;
import io.mailfleet.auth.keycloak.RealmNames;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Path("/api/v1/tenants/{tenantId}/audit-events")
@RolesAllowed({RealmNames.OPERATOR_ROLE, RealmNames.TENANT_ADMIN_ROLE})
public class AuditResource {

    private final AuditStore store;
    private final TenantAccess access;
    private final AuditConfig config;

    public AuditResource(AuditStore store, TenantAccess access, AuditConfig config) {
        this.store = store;
        this.access = access;
        this.config = config;
    }

    /**
     * Newest first. {@code type} is an event type (e.g. AUTHENTICATION), {@code from}/{@code to} are
     * RFC 3339 instants ({@code to} exclusive), {@code limit} at most the configured page size.
     */
    @GET
    public Uni<List<AuditEvent>> query(@PathParam("tenantId") UUID tenantId, @QueryParam("type") String type,
                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("limit") Integer limit) {
        AuditType auditType = parseType(type);
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        int pageSize = limit == null ? config.maxPageSize() : limit;
        if (pageSize < 1 || pageSize > config.maxPageSize()) {
            throw ProblemException.badRequest("limit must be between 1 and " + config.maxPageSize());
        }
        return access.tenant(tenantId).flatMap(tenant -> store.query(tenant.id(), auditType, since, until, pageSize));
    }

    private static AuditType parseType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return AuditType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown event type " + type);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " is not an RFC 3339 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
