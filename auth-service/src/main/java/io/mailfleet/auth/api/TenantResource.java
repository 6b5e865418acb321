package io.mailfleet.auth.api;

import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.directory.Account;
import io.mailfleet.auth.directory.AccountStore;
import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.directory.DirectoryConfig;
import io.mailfleet.auth.directory.DomainStore;
import io.mailfleet.auth.directory.Tenant;
import io.mailfleet.auth.directory.TenantStore;
import io.mailfleet.auth.enrolment.SetupTokens;
import io.mailfleet.auth.keycloak.KeycloakPeople;
import io.mailfleet.auth.keycloak.RealmNames;
import jakarta.annotation.security.RolesAllowed;
import io.mailfleet.auth.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/tenants")
@RolesAllowed({RealmNames.OPERATOR_ROLE, RealmNames.TENANT_ADMIN_ROLE})
public class TenantResource {

    public record AdminRequest(@NotBlank @Size(max = 254) String address,
                               @NotBlank @Size(min = 12, max = 256) String password) {
    }

    public record CreateTenantRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*") String name,
                                      @NotBlank @Size(max = 253) String domain,
                                      @NotNull @Valid AdminRequest admin) {
    }

    public record TenantView(UUID id, String name, Tenant.Status status, OffsetDateTime createdAt) {
        static TenantView of(Tenant tenant) {
            return new TenantView(tenant.id(), tenant.name(), tenant.status(), tenant.createdAt());
        }
    }

    /** {@code setupToken}: the admin enrols TOTP with it (POST /api/v1/enrolment/{setupToken}/totp) before any login. */
    public record CreatedTenant(UUID id, String name, Tenant.Status status, String domain, UUID adminAccountId, String setupToken) {
    }

    private final Pool pool;
    private final TenantStore tenants;
    private final DomainStore domains;
    private final AccountStore accounts;
    private final TenantAccess access;
    private final AuditLog audit;
    private final DirectoryConfig config;
    private final KeycloakPeople people;
    private final SetupTokens setupTokens;

    public TenantResource(Pool pool, TenantStore tenants, DomainStore domains, AccountStore accounts, TenantAccess access,
                          AuditLog audit, DirectoryConfig config, KeycloakPeople people, SetupTokens setupTokens) {
        this.people = people;
        this.setupTokens = setupTokens;
        this.pool = pool;
        this.tenants = tenants;
        this.domains = domains;
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
        this.config = config;
    }

    /**
     * A tenant with its first domain and its first administrator, all or nothing: the directory rows, the
     * tenant's Organization in Keycloak and the admin's Keycloak user (password, role tenant-admin, TOTP
     * still to enrol). If Keycloak fails half-way, what was created is removed again.
     */
    @POST
    @RolesAllowed(RealmNames.OPERATOR_ROLE)
    public Uni<RestResponse<CreatedTenant>> create(@NotNull @Valid CreateTenantRequest request) {
        String domain = Addresses.domain(request.domain())
                .orElseThrow(() -> ProblemException.badRequest("domain is not a valid domain name"));
        Addresses.Address admin = Addresses.mailbox(request.admin().address())
                .orElseThrow(() -> ProblemException.badRequest("admin.address is not a valid mail address"));
        if (!admin.domain().equals(domain)) {
            throw ProblemException.badRequest("admin.address must be in the tenant's domain " + domain);
        }
        return pool.withTransaction(tx -> tenants.create(tx, request.name().trim())
                        .flatMap(tenant -> domains.add(tx, tenant.id(), domain)
                                .flatMap(added -> accounts.create(tx, tenant.id(), admin, Account.Role.TENANT_ADMIN, config.defaultQuotaBytes()))
                                .map(account -> new CreatedTenant(tenant.id(), tenant.name(), tenant.status(), domain, account.id(), null))))
                .flatMap(created -> onboardInKeycloak(created, admin.toString(), request.admin().password()))
                .call(created -> audit.record(AuditEvent.admin(AuditType.TENANT_CREATED, created.id(), access.actor(), created.name())))
                .map(created -> Created.at("/api/v1/tenants/" + created.id(), created));
    }

    private Uni<CreatedTenant> onboardInKeycloak(CreatedTenant created, String adminAddress, String password) {
        String[] organization = new String[1];
        return people.createOrganization(created.id(), created.name(), created.domain())
                .invoke(id -> organization[0] = id)
                .call(id -> tenants.setKeycloakOrganizationId(created.id(), id))
                .flatMap(id -> people.createPerson(created.id(), id, adminAddress, password, RealmNames.TENANT_ADMIN_ROLE))
                .call(userId -> accounts.setKeycloakUserId(created.adminAccountId(), userId))
                .flatMap(userId -> setupTokens.issue(userId, adminAddress))
                .map(token -> new CreatedTenant(created.id(), created.name(), created.status(), created.domain(),
                        created.adminAccountId(), token))
                .onFailure().call(() -> tenants.delete(created.id())
                        .call(() -> organization[0] == null ? Uni.createFrom().voidItem() : people.deleteOrganization(organization[0]))
                        .onFailure().recoverWithNull());
    }

    /** Operators see every tenant, a tenant admin their own. */
    @GET
    public Uni<List<TenantView>> list() {
        if (access.isOperator()) {
            return tenants.list().map(list -> list.stream().map(TenantView::of).toList());
        }
        return access.callerTenant()
                .map(id -> tenants.find(id).map(found -> found.map(TenantView::of).map(List::of).orElse(List.of())))
                .orElseGet(() -> Uni.createFrom().item(List.of()));
    }

    @GET
    @Path("/{tenantId}")
    public Uni<TenantView> get(@PathParam("tenantId") UUID tenantId) {
        return access.tenant(tenantId).map(TenantView::of);
    }

    /** Suspended tenants receive no mail and nobody of theirs can log in; nothing is deleted. */
    @POST
    @RolesAllowed(RealmNames.OPERATOR_ROLE)
    @Path("/{tenantId}/suspend")
    public Uni<TenantView> suspend(@PathParam("tenantId") UUID tenantId) {
        return setStatus(tenantId, Tenant.Status.SUSPENDED, AuditType.TENANT_SUSPENDED);
    }

    @POST
    @RolesAllowed(RealmNames.OPERATOR_ROLE)
    @Path("/{tenantId}/resume")
    public Uni<TenantView> resume(@PathParam("tenantId") UUID tenantId) {
        return setStatus(tenantId, Tenant.Status.ACTIVE, AuditType.TENANT_RESUMED);
    }

    /** Removes the tenant everywhere: directory rows, its people and its Organization in Keycloak. */
    @DELETE
    @RolesAllowed(RealmNames.OPERATOR_ROLE)
    @Path("/{tenantId}")
    public Uni<RestResponse<Void>> delete(@PathParam("tenantId") UUID tenantId) {
        return access.tenant(tenantId)
                .call(tenant -> accounts.list(tenant.id()).flatMap(list -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Account account : list) {
                        if (account.keycloakUserId() != null) {
                            chain = chain.call(() -> people.deletePerson(account.keycloakUserId()));
                        }
                    }
                    return chain;
                }))
                .call(tenant -> tenant.keycloakOrganizationId() == null ? Uni.createFrom().voidItem()
                        : people.deleteOrganization(tenant.keycloakOrganizationId()))
                .call(tenant -> tenants.delete(tenant.id()))
                .call(tenant -> audit.record(AuditEvent.admin(AuditType.TENANT_DELETED, tenant.id(), access.actor(), tenant.name())))
                .map(tenant -> RestResponse.noContent());
    }

    private Uni<TenantView> setStatus(UUID tenantId, Tenant.Status status, AuditType type) {
        return access.tenant(tenantId)
                .flatMap(tenant -> tenants.setStatus(tenant.id(), status))
                .map(updated -> updated.orElseThrow(() -> ProblemException.notFound("tenant")))
                .call(tenant -> audit.record(AuditEvent.admin(type, tenant.id(), access.actor(), tenant.name())))
                .map(TenantView::of);
    }
}
