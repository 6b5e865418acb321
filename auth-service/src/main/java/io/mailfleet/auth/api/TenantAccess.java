package io.mailfleet.auth.api;

import io.mailfleet.auth.directory.Account;
import io.mailfleet.auth.directory.AccountStore;
import io.mailfleet.auth.directory.Tenant;
import io.mailfleet.auth.directory.TenantStore;
import io.mailfleet.auth.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The one place that decides whether the caller may see a tenant's resources. Anything the caller may
 * not see answers 404, exactly like something that does not exist, so tenants cannot probe each other.
 */
@ApplicationScoped
public class TenantAccess {

    private final TenantStore tenants;
    private final AccountStore accounts;

    public TenantAccess(TenantStore tenants, AccountStore accounts) {
        this.tenants = tenants;
        this.accounts = accounts;
    }

    public Uni<Tenant> tenant(UUID tenantId) {
        return tenants.find(tenantId).map(found -> found.orElseThrow(() -> ProblemException.notFound("tenant")));
    }

    public Uni<Account> account(UUID accountId) {
        return accounts.find(accountId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("account")))
                .call(account -> tenant(account.tenantId()));
    }

    /** Who is acting, for the audit trail. */
    public String actor() {
        return "anonymous";
    }
}
