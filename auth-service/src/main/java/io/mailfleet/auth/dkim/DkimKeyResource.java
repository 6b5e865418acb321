package io.mailfleet.auth.dkim;

import io.mailfleet.auth.api.TenantAccess;
import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.directory.DomainStore;
import io.mailfleet.auth.keycloak.RealmNames;
import io.mailfleet.auth.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * DKIM keys of a domain. Creating a key rotates: the new key becomes the active one of its algorithm and
 * the previous one is retired (still published until deleted, so mail in flight keeps verifying).
 */
@Path("/api/v1/tenants/{tenantId}/domains/{domain}/dkim-keys")
@RolesAllowed({RealmNames.OPERATOR_ROLE, RealmNames.TENANT_ADMIN_ROLE})
public class DkimKeyResource {

    private static final DateTimeFormatter SELECTOR_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** {@code selector} is optional: by default {@code mf<UTC timestamp><r|e>}. */
    public record CreateDkimKeyRequest(@NotNull DkimKey.Algorithm algorithm,
                                       @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?") String selector) {
    }

    private final DkimKeyStore keys;
    private final KeyVault vault;
    private final DomainStore domains;
    private final TenantAccess access;
    private final AuditLog audit;
    private final Vertx vertx;

    public DkimKeyResource(DkimKeyStore keys, KeyVault vault, DomainStore domains, TenantAccess access, AuditLog audit, Vertx vertx) {
        this.keys = keys;
        this.vault = vault;
        this.domains = domains;
        this.access = access;
        this.audit = audit;
        this.vertx = vertx;
    }

    @POST
    public Uni<RestResponse<DkimKey>> create(@PathParam("tenantId") UUID tenantId, @PathParam("domain") String domain,
                                             @NotNull @Valid CreateDkimKeyRequest request) {
        UUID id = UUID.randomUUID();
        String selector = request.selector() != null ? request.selector()
                : "mf" + ZonedDateTime.now(ZoneOffset.UTC).format(SELECTOR_TIME) + (request.algorithm() == DkimKey.Algorithm.RSA_2048 ? "r" : "e");
        return hostedDomain(tenantId, domain)
                .flatMap(name -> vertx.executeBlocking(Uni.createFrom().item(() -> DkimKeyGenerator.generate(request.algorithm())), false)
                        .flatMap(generated -> keys.rotateIn(id, name, selector, request.algorithm(), generated.publicKey(),
                                vault.encrypt(generated.privateKeyPkcs8(), id.toString()))))
                .call(key -> audit.record(AuditEvent.admin(AuditType.DKIM_KEY_CREATED, tenantId, access.actor(), key.dnsName())))
                .map(key -> RestResponse.ResponseBuilder.<DkimKey>created(
                        java.net.URI.create("/api/v1/tenants/" + tenantId + "/domains/" + key.domain() + "/dkim-keys/" + key.id()))
                        .entity(key).build());
    }

    @GET
    public Uni<List<DkimKey>> list(@PathParam("tenantId") UUID tenantId, @PathParam("domain") String domain) {
        return hostedDomain(tenantId, domain).flatMap(keys::list);
    }

    @DELETE
    @Path("/{keyId}")
    public Uni<RestResponse<Void>> delete(@PathParam("tenantId") UUID tenantId, @PathParam("domain") String domain,
                                          @PathParam("keyId") UUID keyId) {
        return hostedDomain(tenantId, domain)
                .call(name -> keys.delete(name, keyId).invoke(deleted -> {
                    if (!deleted) {
                        throw ProblemException.notFound("DKIM key");
                    }
                }))
                .call(name -> audit.record(AuditEvent.admin(AuditType.DKIM_KEY_DELETED, tenantId, access.actor(), name + " " + keyId)))
                .map(name -> RestResponse.noContent());
    }

    private Uni<String> hostedDomain(UUID tenantId, String domain) {
        String name = Addresses.domain(domain).orElseThrow(() -> ProblemException.notFound("domain"));
        return access.tenant(tenantId).flatMap(tenant -> domains.find(tenant.id(), name))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("domain")).name());
    }
}
