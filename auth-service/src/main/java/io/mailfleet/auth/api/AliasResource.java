package io.mailfleet.auth.api;

import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.directory.AccountStore;
import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.directory.Alias;
import io.mailfleet.auth.directory.AliasStore;
import io.mailfleet.auth.directory.DirectoryConfig;
import io.mailfleet.auth.directory.DomainStore;
import io.mailfleet.auth.problem.ProblemException;
import io.mailfleet.auth.keycloak.RealmNames;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Aliases ({@code sales@} → one address), distribution lists ({@code team@} → several, local or remote)
 * and catch-alls ({@code @example.com} → whoever gets mail for unknown local parts).
 */
@Path("/api/v1/tenants/{tenantId}/aliases")
@RolesAllowed({RealmNames.OPERATOR_ROLE, RealmNames.TENANT_ADMIN_ROLE})
public class AliasResource {

    public record CreateAliasRequest(@NotBlank @Size(max = 254) String source, @NotEmpty List<@NotBlank String> targets) {
    }

    private final AliasStore aliases;
    private final AccountStore accounts;
    private final DomainStore domains;
    private final TenantAccess access;
    private final AuditLog audit;
    private final DirectoryConfig config;

    public AliasResource(AliasStore aliases, AccountStore accounts, DomainStore domains, TenantAccess access, AuditLog audit,
                         DirectoryConfig config) {
        this.aliases = aliases;
        this.accounts = accounts;
        this.domains = domains;
        this.access = access;
        this.audit = audit;
        this.config = config;
    }

    @POST
    public Uni<RestResponse<Alias>> create(@PathParam("tenantId") UUID tenantId, @NotNull @Valid CreateAliasRequest request) {
        String source;
        String domain;
        if (request.source().trim().startsWith("@")) {
            domain = Addresses.domain(request.source().trim().substring(1))
                    .orElseThrow(() -> ProblemException.badRequest("source is neither an address nor @domain"));
            source = "@" + domain;
        } else {
            Addresses.Address address = Addresses.mailbox(request.source())
                    .orElseThrow(() -> ProblemException.badRequest("source is neither an address nor @domain"));
            domain = address.domain();
            source = address.toString();
        }
        if (request.targets().size() > config.maxAliasTargets()) {
            throw ProblemException.badRequest("at most " + config.maxAliasTargets() + " targets");
        }
        LinkedHashSet<String> targets = new LinkedHashSet<>();
        for (String target : request.targets()) {
            targets.add(Addresses.mailbox(target)
                    .orElseThrow(() -> ProblemException.badRequest("target " + target + " is not a valid mail address")).toString());
        }
        if (targets.contains(source)) {
            throw ProblemException.badRequest("an alias cannot deliver to itself");
        }
        return access.tenant(tenantId)
                .call(tenant -> domains.find(tenant.id(), domain).map(found -> found.orElseThrow(
                        () -> ProblemException.badRequest("the tenant does not host " + domain))))
                .call(tenant -> accounts.findByAddress(source).invoke(account -> {
                    if (account.isPresent()) {
                        throw ProblemException.conflict(source + " is an account");
                    }
                }))
                .flatMap(tenant -> aliases.create(tenant.id(), source, domain, new ArrayList<>(targets)))
                .call(alias -> audit.record(AuditEvent.admin(AuditType.ALIAS_CREATED, tenantId, access.actor(), alias.source())))
                .map(alias -> Created.at("/api/v1/tenants/" + tenantId + "/aliases/" + alias.id(), alias));
    }

    @GET
    public Uni<List<Alias>> list(@PathParam("tenantId") UUID tenantId) {
        return access.tenant(tenantId).flatMap(tenant -> aliases.list(tenant.id()));
    }

    @GET
    @Path("/{aliasId}")
    public Uni<Alias> get(@PathParam("tenantId") UUID tenantId, @PathParam("aliasId") UUID aliasId) {
        return access.tenant(tenantId).flatMap(tenant -> aliases.find(tenant.id(), aliasId))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("alias")));
    }

    @DELETE
    @Path("/{aliasId}")
    public Uni<RestResponse<Void>> delete(@PathParam("tenantId") UUID tenantId, @PathParam("aliasId") UUID aliasId) {
        return get(tenantId, aliasId)
                .call(alias -> aliases.delete(tenantId, alias.id()))
                .call(alias -> audit.record(AuditEvent.admin(AuditType.ALIAS_DELETED, tenantId, access.actor(), alias.source())))
                .map(alias -> RestResponse.noContent());
    }
}
