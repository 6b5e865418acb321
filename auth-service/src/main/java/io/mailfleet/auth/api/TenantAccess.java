package io.mailfleet.auth.api;

import io.mailfleet.auth.directory.Account;
import io.mailfleet.auth.directory.AccountStore;
import io.mailfleet.auth.directory.Tenant;
import io.mailfleet.auth.directory.TenantStore;
import io.mailfleet.auth.keycloak.RealmNames;
import io.mailfleet.auth.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/**
 * The one place that decides whether the caller may see a tenant's resources. Operators see every
 * tenant; a tenant admin only the tenant named by the {@code mailfleet_tenant} claim of the token.
 * Anything else answers 404, exactly like something that does not exist, so tenants cannot probe each other.
 */
@ApplicationScoped
public class TenantAccess {

    private final TenantStore tenants;
    private final AccountStore accounts;
    private final SecurityIdentity identity;

    public TenantAccess(TenantStore tenants, AccountStore accounts, SecurityIdentity identity) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.identity = identity;
    }

    public boolean isOperator() {
        return identity.hasRole(RealmNames.OPERATOR_ROLE);
    }

    /** The tenant a tenant admin belongs to; empty for operators and everybody else. */
    public Optional<UUID> callerTenant() {
        if (!identity.hasRole(RealmNames.TENANT_ADMIN_ROLE) || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(RealmNames.TENANT_CLAIM);
        try {
            return claim == null ? Optional.empty() : Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Uni<Tenant> tenant(UUID tenantId) {
        boolean operator = isOperator();
        if (!operator && !callerTenant().map(tenantId::equals).orElse(false)) {
            return Uni.createFrom().failure(ProblemException.notFound("tenant"));
        }
        return tenants.find(tenantId).map(found -> {
            Tenant tenant = found.orElseThrow(() -> ProblemException.notFound("tenant"));
            if (!operator && tenant.status() != Tenant.Status.ACTIVE) {
                throw new ProblemException(Response.Status.FORBIDDEN, "the tenant is suspended");
            }
            return tenant;
        });
    }

    public Uni<Account> account(UUID accountId) {
        return accounts.find(accountId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("account")))
                .call(account -> tenant(account.tenantId())
                        .onFailure(ProblemException.class).transform(denied -> ProblemException.notFound("account")));
    }

    /** Who is acting, for the audit trail. */
    public String actor() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
