package io.mailfleet.auth.api;

import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.keycloak.RealmNames;
import io.mailfleet.auth.policy.PolicyRules;
import io.mailfleet.auth.policy.PolicyStore;
import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.directory.TenantPolicy.SendingLimits;
import io.mailfleet.directory.TenantPolicy.SpamThresholds;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's mail policy (libs/directory-api {@link TenantPolicy}): read, replaced as a whole, or reset to the
 * platform defaults. The gateways and the spam filter read it through the internal API.
 */
@Path("/api/v1/tenants/{tenantId}/policies")
@RolesAllowed({RealmNames.OPERATOR_ROLE, RealmNames.TENANT_ADMIN_ROLE})
public class PolicyResource {

    /** The whole policy; an omitted list is empty, an omitted threshold or limit is the platform default. */
    public record PolicyRequest(List<@NotBlank @Size(max = 320) String> ipAllow, List<@NotBlank @Size(max = 320) String> ipDeny,
                                List<@NotBlank @Size(max = 320) String> senderAllow,
                                List<@NotBlank @Size(max = 320) String> senderBlock, SpamThresholds spam, SendingLimits sending) {
    }

    private final PolicyStore policies;
    private final PolicyRules rules;
    private final TenantAccess access;
    private final AuditLog audit;

    public PolicyResource(PolicyStore policies, PolicyRules rules, TenantAccess access, AuditLog audit) {
        this.policies = policies;
        this.rules = rules;
        this.access = access;
        this.audit = audit;
    }

    @GET
    public Uni<TenantPolicy> get(@PathParam("tenantId") UUID tenantId) {
        return access.tenant(tenantId).flatMap(tenant -> policies.find(tenant.id()));
    }

    @PUT
    public Uni<TenantPolicy> replace(@PathParam("tenantId") UUID tenantId, @NotNull @Valid PolicyRequest request) {
        return access.tenant(tenantId)
                .flatMap(tenant -> policies.replace(tenant.id(), rules.canonical(tenant.id().toString(), new TenantPolicy(
                        tenant.id().toString(), request.ipAllow(), request.ipDeny(), request.senderAllow(), request.senderBlock(),
                        request.spam(), request.sending()))))
                .call(saved -> audit.record(changed(tenantId, saved)));
    }

    @DELETE
    public Uni<RestResponse<Void>> reset(@PathParam("tenantId") UUID tenantId) {
        return access.tenant(tenantId)
                .call(tenant -> policies.delete(tenant.id()))
                .call(tenant -> audit.record(changed(tenantId, TenantPolicy.defaults(tenantId.toString()))))
                .map(tenant -> RestResponse.noContent());
    }

    /** What changed, in brief: list sizes and the numbers (the lists themselves are in the policy). */
    private AuditEvent changed(UUID tenantId, TenantPolicy policy) {
        return new AuditEvent(UUID.randomUUID(), Instant.now(), tenantId, AuditType.POLICY_CHANGED, access.actor(), tenantId.toString(),
                null, null, null, Map.of(
                "ipAllow", String.valueOf(policy.ipAllow().size()), "ipDeny", String.valueOf(policy.ipDeny().size()),
                "senderAllow", String.valueOf(policy.senderAllow().size()), "senderBlock", String.valueOf(policy.senderBlock().size()),
                "spam", String.valueOf(policy.spam()), "sending", String.valueOf(policy.sending())));
    }
}
