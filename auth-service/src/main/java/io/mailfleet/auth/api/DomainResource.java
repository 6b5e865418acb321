package io.mailfleet.auth.api;

import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.directory.Domain;
import io.mailfleet.auth.directory.DomainStore;
import io.mailfleet.auth.dkim.DkimKeyStore;
import io.mailfleet.auth.domaindns.DnsRecord;
import io.mailfleet.auth.domaindns.DnsVerifier;
import io.mailfleet.auth.domaindns.ExpectedRecords;
import io.mailfleet.auth.domaindns.RecordCheck;
import io.mailfleet.auth.problem.ProblemException;
import io.mailfleet.auth.keycloak.RealmNames;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/tenants/{tenantId}/domains")
@RolesAllowed({RealmNames.OPERATOR_ROLE, RealmNames.TENANT_ADMIN_ROLE})
public class DomainResource {

    public record AddDomainRequest(@NotBlank @Size(max = 253) String name) {
    }

    private final DomainStore domains;
    private final TenantAccess access;
    private final AuditLog audit;
    private final ExpectedRecords expectedRecords;
    private final DnsVerifier verifier;
    private final DkimKeyStore dkimKeys;

    public DomainResource(DomainStore domains, TenantAccess access, AuditLog audit, ExpectedRecords expectedRecords,
                          DnsVerifier verifier, DkimKeyStore dkimKeys) {
        this.dkimKeys = dkimKeys;
        this.expectedRecords = expectedRecords;
        this.verifier = verifier;
        this.domains = domains;
        this.access = access;
        this.audit = audit;
    }

    /** A domain belongs to one tenant only: adding one another tenant hosts is a 409. */
    @POST
    public Uni<RestResponse<Domain>> add(@PathParam("tenantId") UUID tenantId, @NotNull @Valid AddDomainRequest request) {
        String name = Addresses.domain(request.name()).orElseThrow(() -> ProblemException.badRequest("name is not a valid domain name"));
        return access.tenant(tenantId)
                .flatMap(tenant -> domains.add(tenant.id(), name))
                .call(domain -> audit.record(AuditEvent.admin(AuditType.DOMAIN_ADDED, tenantId, access.actor(), domain.name())))
                .map(domain -> Created.at("/api/v1/tenants/" + tenantId + "/domains/" + domain.name(), domain));
    }

    @GET
    public Uni<List<Domain>> list(@PathParam("tenantId") UUID tenantId) {
        return access.tenant(tenantId).flatMap(tenant -> domains.list(tenant.id()));
    }

    @GET
    @Path("/{domain}")
    public Uni<Domain> get(@PathParam("tenantId") UUID tenantId, @PathParam("domain") String domain) {
        return find(tenantId, domain);
    }

    /** Removes the domain with its accounts and aliases. */
    @DELETE
    @Path("/{domain}")
    public Uni<RestResponse<Void>> delete(@PathParam("tenantId") UUID tenantId, @PathParam("domain") String domain) {
        return find(tenantId, domain)
                .call(found -> domains.delete(tenantId, found.name()))
                .call(found -> audit.record(AuditEvent.admin(AuditType.DOMAIN_REMOVED, tenantId, access.actor(), found.name())))
                .map(found -> RestResponse.noContent());
    }

    /** The records to publish for this domain, computed from the installation's public host names. */
    @GET
    @Path("/{domain}/dns-records")
    public Uni<List<DnsRecord>> dnsRecords(@PathParam("tenantId") UUID tenantId, @PathParam("domain") String domain) {
        return find(tenantId, domain).flatMap(found -> records(found.name()));
    }

    /** Looks each record up in DNS and says ok, missing or wrong, with the value expected. */
    @POST
    @Path("/{domain}/verify")
    public Uni<List<RecordCheck>> verify(@PathParam("tenantId") UUID tenantId, @PathParam("domain") String domain) {
        return find(tenantId, domain).flatMap(found -> records(found.name())).flatMap(verifier::verify);
    }

    /** The installation's records for the domain plus one TXT per DKIM key (active or retired). */
    private Uni<List<DnsRecord>> records(String domain) {
        return dkimKeys.list(domain).map(keys -> {
            List<DnsRecord> records = new java.util.ArrayList<>(expectedRecords.forDomain(domain));
            keys.forEach(key -> records.add(new DnsRecord("TXT", key.dnsName(), key.dnsValue())));
            return records;
        });
    }

    Uni<Domain> find(UUID tenantId, String domain) {
        String name = Addresses.domain(domain).orElseThrow(() -> ProblemException.notFound("domain"));
        return access.tenant(tenantId)
                .flatMap(tenant -> domains.find(tenant.id(), name))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("domain")));
    }
}
