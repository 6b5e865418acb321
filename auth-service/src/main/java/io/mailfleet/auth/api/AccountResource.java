package io.mailfleet.auth.api;

import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.directory.Account;
import io.mailfleet.auth.directory.AccountStore;
import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.directory.DirectoryConfig;
import io.mailfleet.auth.directory.DomainStore;
import io.mailfleet.auth.enrolment.SetupTokens;
import io.mailfleet.auth.keycloak.KeycloakPeople;
import io.mailfleet.auth.problem.ProblemException;
import io.mailfleet.auth.keycloak.RealmNames;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/tenants/{tenantId}/accounts")
@RolesAllowed({RealmNames.OPERATOR_ROLE, RealmNames.TENANT_ADMIN_ROLE})
public class AccountResource {

    /** {@code quotaBytes} is optional (the configured default). */
    public record CreateAccountRequest(@NotBlank @Size(max = 254) String address,
                                       @NotBlank @Size(min = 12, max = 256) String password,
                                       @PositiveOrZero Long quotaBytes) {
    }

    public record QuotaRequest(@NotNull @PositiveOrZero Long quotaBytes) {
    }

    public record PasswordRequest(@NotBlank @Size(min = 12, max = 256) String password) {
    }

    /** {@code setupToken}: the person enrols TOTP with it before they can log in to Keycloak. */
    public record CreatedAccount(UUID id, UUID tenantId, String address, Account.Role role, Account.Status status,
                                 long quotaBytes, String setupToken) {
    }

    private final AccountStore accounts;
    private final DomainStore domains;
    private final TenantAccess access;
    private final AuditLog audit;
    private final DirectoryConfig config;
    private final KeycloakPeople people;
    private final SetupTokens setupTokens;

    public AccountResource(AccountStore accounts, DomainStore domains, TenantAccess access, AuditLog audit, DirectoryConfig config,
                           KeycloakPeople people, SetupTokens setupTokens) {
        this.people = people;
        this.setupTokens = setupTokens;
        this.accounts = accounts;
        this.domains = domains;
        this.access = access;
        this.audit = audit;
        this.config = config;
    }

    /** The account in the directory and its person in Keycloak (in the tenant's Organization), or neither. */
    @POST
    public Uni<RestResponse<CreatedAccount>> create(@PathParam("tenantId") UUID tenantId, @NotNull @Valid CreateAccountRequest request) {
        Addresses.Address address = Addresses.mailbox(request.address())
                .orElseThrow(() -> ProblemException.badRequest("address is not a valid mail address"));
        long quota = request.quotaBytes() == null ? config.defaultQuotaBytes() : request.quotaBytes();
        return access.tenant(tenantId)
                .call(tenant -> domains.find(tenant.id(), address.domain())
                        .map(found -> found.orElseThrow(() -> ProblemException.badRequest(
                                "the tenant does not host " + address.domain() + ": add the domain first"))))
                .flatMap(tenant -> accounts.create(tenant.id(), address, Account.Role.USER, quota)
                        .flatMap(account -> people.createPerson(tenant.id(), tenant.keycloakOrganizationId(), account.address(),
                                        request.password(), null)
                                .call(userId -> accounts.setKeycloakUserId(account.id(), userId))
                                .flatMap(userId -> setupTokens.issue(userId, account.address()))
                                .map(token -> new CreatedAccount(account.id(), account.tenantId(), account.address(), account.role(),
                                        account.status(), account.quotaBytes(), token))
                                .onFailure().call(() -> accounts.delete(tenant.id(), account.id()).onFailure().recoverWithNull())))
                .call(account -> audit.record(AuditEvent.admin(AuditType.ACCOUNT_CREATED, tenantId, access.actor(), account.address())))
                .map(account -> Created.at("/api/v1/tenants/" + tenantId + "/accounts/" + account.id(), account));
    }

    @GET
    public Uni<List<Account>> list(@PathParam("tenantId") UUID tenantId) {
        return access.tenant(tenantId).flatMap(tenant -> accounts.list(tenant.id()));
    }

    @GET
    @Path("/{accountId}")
    public Uni<Account> get(@PathParam("tenantId") UUID tenantId, @PathParam("accountId") UUID accountId) {
        return access.tenant(tenantId).flatMap(tenant -> accounts.find(tenant.id(), accountId))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("account")));
    }

    /** A disabled account neither receives mail nor logs in; its mail and settings stay. */
    @POST
    @Path("/{accountId}/disable")
    public Uni<Account> disable(@PathParam("tenantId") UUID tenantId, @PathParam("accountId") UUID accountId) {
        return setStatus(tenantId, accountId, Account.Status.DISABLED, AuditType.ACCOUNT_DISABLED);
    }

    @POST
    @Path("/{accountId}/enable")
    public Uni<Account> enable(@PathParam("tenantId") UUID tenantId, @PathParam("accountId") UUID accountId) {
        return setStatus(tenantId, accountId, Account.Status.ACTIVE, AuditType.ACCOUNT_ENABLED);
    }

    @PUT
    @Path("/{accountId}/quota")
    public Uni<Account> quota(@PathParam("tenantId") UUID tenantId, @PathParam("accountId") UUID accountId,
                              @NotNull @Valid QuotaRequest request) {
        return access.tenant(tenantId)
                .flatMap(tenant -> accounts.setQuota(tenant.id(), accountId, request.quotaBytes()))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("account")))
                .call(account -> audit.record(new AuditEvent(UUID.randomUUID(), java.time.Instant.now(), tenantId,
                        AuditType.QUOTA_CHANGED, access.actor(), account.address(), null, null, null,
                        Map.of("quotaBytes", String.valueOf(account.quotaBytes())))));
    }

    /** Sets the person's Keycloak password (their mail clients keep using app passwords). */
    @PUT
    @Path("/{accountId}/password")
    public Uni<RestResponse<Void>> resetPassword(@PathParam("tenantId") UUID tenantId, @PathParam("accountId") UUID accountId,
                                                 @NotNull @Valid PasswordRequest request) {
        return get(tenantId, accountId)
                .call(account -> account.keycloakUserId() == null
                        ? Uni.createFrom().failure(ProblemException.conflict("the account has no Keycloak user"))
                        : people.resetPassword(account.keycloakUserId(), request.password()))
                .call(account -> audit.record(AuditEvent.admin(AuditType.PASSWORD_RESET, tenantId, access.actor(), account.address())))
                .map(account -> RestResponse.noContent());
    }

    @DELETE
    @Path("/{accountId}")
    public Uni<RestResponse<Void>> delete(@PathParam("tenantId") UUID tenantId, @PathParam("accountId") UUID accountId) {
        return get(tenantId, accountId)
                .call(account -> account.keycloakUserId() == null ? Uni.createFrom().voidItem() : people.deletePerson(account.keycloakUserId()))
                .call(account -> accounts.delete(tenantId, account.id()))
                .call(account -> audit.record(AuditEvent.admin(AuditType.ACCOUNT_DELETED, tenantId, access.actor(), account.address())))
                .map(account -> RestResponse.noContent());
    }

    private Uni<Account> setStatus(UUID tenantId, UUID accountId, Account.Status status, AuditType type) {
        return access.tenant(tenantId)
                .flatMap(tenant -> accounts.setStatus(tenant.id(), accountId, status))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("account")))
                .call(account -> account.keycloakUserId() == null ? Uni.createFrom().voidItem()
                        : people.setEnabled(account.keycloakUserId(), status == Account.Status.ACTIVE))
                .call(account -> audit.record(AuditEvent.admin(type, tenantId, access.actor(), account.address())));
    }
}
