package io.mailfleet.auth.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of the audit trail, as stored in {@code audit.events} and published on {@code audit.events}.
 *
 * @param actor   who did it: the API caller's principal, or the username of a login attempt
 * @param subject what it was done to: a tenant name, an address, an app password id …
 * @param outcome for authentication attempts, the AuthResult outcome
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(UUID id, Instant at, UUID tenantId, AuditType type, String actor, String subject,
                         String protocol, String clientIp, String outcome, Map<String, String> details) {

    public static AuditEvent admin(AuditType type, UUID tenantId, String actor, String subject) {
        return new AuditEvent(UUID.randomUUID(), Instant.now(), tenantId, type, actor, subject, null, null, null, Map.of());
    }
}
