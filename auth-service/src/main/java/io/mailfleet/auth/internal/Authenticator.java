package io.mailfleet.auth.internal;

import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.credentials.VerifiedSecrets;
import io.mailfleet.auth.directory.Account;
import io.mailfleet.auth.directory.AccountStore;
import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.directory.AliasStore;
import io.mailfleet.auth.directory.Tenant;
import io.mailfleet.auth.directory.TenantStore;
import io.mailfleet.auth.lockout.LoginLockout;
import io.mailfleet.auth.lockout.UnusualLogins;
import io.mailfleet.auth.policy.PolicyStore;
import io.mailfleet.directory.AuthResult;
import io.mailfleet.directory.AuthResult.Outcome;
import io.mailfleet.directory.CredentialCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a gateway's login attempt. The order matters: a locked username or IP is refused before any
 * secret is looked at (so even the right secret gets LOCKED), every wrong attempt counts whether or not
 * the username exists and costs the same Argon2 work, and DISABLED is only said to someone who proved
 * the secret — nobody else learns whether an account exists.
 */
@ApplicationScoped
public class Authenticator {

    private static final int MAX_USERNAME = 320;
    private static final int MAX_SECRET = 4096;
    /** Audit reason of a proven secret refused because the tenant's policy denies the client IP. */
    static final String DENIED_BY_POLICY = "client IP denied by the tenant's policy";

    private final AccountStore accounts;
    private final TenantStore tenants;
    private final AliasStore aliases;
    private final VerifiedSecrets secrets;
    private final LoginLockout lockout;
    private final AuditLog audit;
    private final BearerTokens bearer;
    private final UnusualLogins unusualLogins;
    private final PolicyStore policies;

    public Authenticator(AccountStore accounts, TenantStore tenants, AliasStore aliases, VerifiedSecrets secrets,
                         LoginLockout lockout, AuditLog audit, BearerTokens bearer, UnusualLogins unusualLogins,
                         PolicyStore policies) {
        this.policies = policies;
        this.unusualLogins = unusualLogins;
        this.bearer = bearer;
        this.accounts = accounts;
        this.tenants = tenants;
        this.aliases = aliases;
        this.secrets = secrets;
        this.lockout = lockout;
        this.audit = audit;
    }

    public Uni<AuthResult> authenticate(CredentialCheck check) {
        String username = check.username() == null ? "" : check.username().trim().toLowerCase(Locale.ROOT);
        String clientIp = check.clientIp() == null ? null : check.clientIp().trim();
        if (username.isEmpty() || username.length() > MAX_USERNAME || check.secret() == null
                || check.secret().isEmpty() || check.secret().length() > MAX_SECRET) {
            return fail(check, username, clientIp, null);
        }
        Uni<Optional<Account>> account = Addresses.mailbox(username)
                .map(address -> accounts.findByAddress(address.toString()))
                .orElseGet(() -> Uni.createFrom().item(Optional.empty()));
        return account.flatMap(found -> lockout.check(username, clientIp).flatMap(lock -> {
            UUID tenantId = found.map(Account::tenantId).orElse(null);
            if (lock.locked()) {
                AuthResult locked = new AuthResult(Outcome.LOCKED, null, null, null, List.of(), lock.retryAfterSeconds());
                return record(check, username, clientIp, tenantId, locked).replaceWith(locked);
            }
            return switch (mechanism(check)) {
                case "PLAIN", "LOGIN" -> secrets.verify(found.map(Account::id), username, check.secret())
                        .flatMap(verified -> verified && found.isPresent()
                                ? succeed(check, username, clientIp, found.get())
                                : fail(check, username, clientIp, tenantId));
                case "XOAUTH2", "OAUTHBEARER" -> bearer.address(check.secret())
                        .flatMap(address -> address.isPresent() && address.get().equals(username) && found.isPresent()
                                ? succeed(check, username, clientIp, found.get())
                                : fail(check, username, clientIp, tenantId));
                default -> fail(check, username, clientIp, tenantId);
            };
        }));
    }

    /**
     * The secret is proven. A client IP the tenant's policy denies is now answered exactly like a wrong secret
     * (INVALID, counted towards both lockouts): a denied network learns neither that the account exists nor that
     * the secret was right, and cannot test secrets without being locked out like anybody else.
     */
    private Uni<AuthResult> succeed(CredentialCheck check, String username, String clientIp, Account account) {
        return policies.find(account.tenantId()).flatMap(policy -> policy.denies(clientIp)
                ? fail(check, username, clientIp, account.tenantId(), DENIED_BY_POLICY)
                : admit(check, username, clientIp, account));
    }

    private Uni<AuthResult> admit(CredentialCheck check, String username, String clientIp, Account account) {
        return tenants.find(account.tenantId()).flatMap(tenant -> {
            boolean tenantActive = tenant.map(t -> t.status() == Tenant.Status.ACTIVE).orElse(false);
            if (account.status() != Account.Status.ACTIVE || !tenantActive) {
                AuthResult disabled = new AuthResult(Outcome.DISABLED, account.tenantId().toString(), account.id().toString(),
                        account.address(), List.of(), 0);
                return record(check, username, clientIp, account.tenantId(), disabled).replaceWith(disabled);
            }
            return aliases.targeting(account.address()).flatMap(aliasList -> {
                List<String> senders = new ArrayList<>();
                senders.add(account.address());
                aliasList.stream().filter(alias -> !alias.catchAll()).forEach(alias -> senders.add(alias.source()));
                AuthResult ok = new AuthResult(Outcome.OK, account.tenantId().toString(), account.id().toString(),
                        account.address(), List.copyOf(senders), 0);
                return lockout.recordSuccess(username)
                        .call(() -> record(check, username, clientIp, account.tenantId(), ok))
                        .call(() -> unusualLogins.recordSuccess(account.id().toString(), clientIp)
                                .call(reasons -> alert(check, username, clientIp, account, reasons)))
                        .replaceWith(ok);
            });
        });
    }

    /** One UNUSUAL_LOGIN event per reason. */
    private Uni<Void> alert(CredentialCheck check, String username, String clientIp, Account account, List<String> reasons) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String reason : reasons) {
            chain = chain.call(() -> audit.record(new AuditEvent(UUID.randomUUID(), Instant.now(), account.tenantId(),
                    AuditType.UNUSUAL_LOGIN, username, account.address(), check.protocol(), clientIp, null, Map.of("reason", reason))));
        }
        return chain;
    }

    private Uni<AuthResult> fail(CredentialCheck check, String username, String clientIp, UUID tenantId) {
        return fail(check, username, clientIp, tenantId, null);
    }

    /** @param reason for the audit trail only (e.g. the tenant's ipDeny); the caller just gets INVALID */
    private Uni<AuthResult> fail(CredentialCheck check, String username, String clientIp, UUID tenantId, String reason) {
        AuthResult invalid = new AuthResult(Outcome.INVALID, null, null, null, List.of(), 0);
        String counted = username.length() > MAX_USERNAME ? "" : username;
        return lockout.recordFailure(counted, clientIp)
                .call(locked -> recordLockouts(check, counted, clientIp, tenantId, locked))
                .call(() -> record(check, username, clientIp, tenantId, invalid, reason))
                .replaceWith(invalid);
    }

    private Uni<Void> recordLockouts(CredentialCheck check, String username, String clientIp, UUID tenantId,
                                     List<LoginLockout.Scope> locked) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LoginLockout.Scope scope : locked) {
            String subject = scope == LoginLockout.Scope.IP ? clientIp : username;
            chain = chain.call(() -> audit.record(new AuditEvent(UUID.randomUUID(), Instant.now(), tenantId, AuditType.LOCKOUT,
                    username, subject, check.protocol(), clientIp, null, Map.of("scope", scope.name()))));
        }
        return chain;
    }

    private Uni<Void> record(CredentialCheck check, String username, String clientIp, UUID tenantId, AuthResult result) {
        return record(check, username, clientIp, tenantId, result, null);
    }

    private Uni<Void> record(CredentialCheck check, String username, String clientIp, UUID tenantId, AuthResult result, String reason) {
        Map<String, String> details = reason == null ? Map.of("mechanism", mechanism(check))
                : Map.of("mechanism", mechanism(check), "reason", reason);
        return audit.record(new AuditEvent(UUID.randomUUID(), Instant.now(), tenantId, AuditType.AUTHENTICATION, username,
                result.address(), check.protocol(), clientIp, result.outcome().name(), details));
    }

    private static String mechanism(CredentialCheck check) {
        return check.mechanism() == null ? "" : check.mechanism().trim().toUpperCase(Locale.ROOT);
    }
}
