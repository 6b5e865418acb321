package io.mailfleet.auth.demo;

import io.mailfleet.auth.credentials.SecretHasher;
import io.mailfleet.auth.directory.Account;
import io.mailfleet.auth.directory.AccountStore;
import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.directory.AppPasswordStore;
import io.mailfleet.auth.directory.DirectoryConfig;
import io.mailfleet.auth.directory.DomainStore;
import io.mailfleet.auth.directory.TenantStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Seeds the local stack's tenant {@code example.test} with {@code demo@example.test}, whose app password
 * is {@code MAILFLEET_DEMO_APP_PASSWORD}, so a newcomer can point a mail client at it at once. Idempotent:
 * an existing tenant and account are kept, and the "demo" app password is replaced only when it no
 * longer matches the configured secret. The demo person has no Keycloak login (mail clients use the app
 * password).
 */
@ApplicationScoped
public class DemoSeed {

    private static final Logger LOG = Logger.getLogger(DemoSeed.class);
    private static final String LABEL = "demo";

    private final DemoConfig config;
    private final Pool pool;
    private final TenantStore tenants;
    private final DomainStore domains;
    private final AccountStore accounts;
    private final AppPasswordStore appPasswords;
    private final SecretHasher hasher;
    private final DirectoryConfig directory;

    public DemoSeed(DemoConfig config, Pool pool, TenantStore tenants, DomainStore domains, AccountStore accounts,
                    AppPasswordStore appPasswords, SecretHasher hasher, DirectoryConfig directory) {
        this.config = config;
        this.pool = pool;
        this.tenants = tenants;
        this.domains = domains;
        this.accounts = accounts;
        this.appPasswords = appPasswords;
        this.hasher = hasher;
        this.directory = directory;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.appPassword().filter(secret -> !secret.isBlank()).isPresent()) {
            seed().await().atMost(Duration.ofSeconds(30));
        }
    }

    /** Returns the demo account. */
    public Uni<Account> seed() {
        String secret = config.appPassword().orElseThrow();
        Addresses.Address address = Addresses.mailbox(config.localPart() + "@" + config.domain())
                .orElseThrow(() -> new IllegalStateException("mailfleet.demo.domain/local-part do not form an address"));
        return domains.find(address.domain())
                .flatMap(domain -> domain.isPresent()
                        ? Uni.createFrom().item(domain.get().tenantId())
                        : pool.withTransaction(tx -> tenants.create(tx, address.domain())
                                .call(tenant -> domains.add(tx, tenant.id(), address.domain()))).map(tenant -> tenant.id()))
                .flatMap(tenantId -> accounts.findByAddress(address.toString()).flatMap(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : accounts.create(tenantId, address, Account.Role.USER, directory.defaultQuotaBytes())))
                .call(account -> demoPassword(account, secret))
                .invoke(account -> LOG.infof("demo mailbox %s is ready (app password from MAILFLEET_DEMO_APP_PASSWORD)", account.address()));
    }

    private Uni<Void> demoPassword(Account account, String secret) {
        return appPasswords.list(account.id()).flatMap(existing -> {
            Optional<java.util.UUID> demo = existing.stream().filter(p -> p.label().equals(LABEL)).map(p -> p.id()).findFirst();
            Uni<Boolean> stillValid = demo.isEmpty() ? Uni.createFrom().item(false)
                    : appPasswords.hashes(account.id()).flatMap(hashes -> hasher.matchIndex(secret, hashes.stream()
                            .filter(hash -> hash.id().equals(demo.get())).map(AppPasswordStore.StoredHash::hash).toList()))
                    .map(index -> index >= 0);
            return stillValid.flatMap(valid -> {
                if (valid) {
                    return Uni.createFrom().voidItem();
                }
                Uni<Boolean> removed = demo.map(id -> appPasswords.delete(account.id(), id)).orElseGet(() -> Uni.createFrom().item(true));
                return removed.flatMap(ignored -> hasher.hash(secret))
                        .flatMap(hash -> appPasswords.create(account.id(), LABEL, hash, directory.maxAppPasswords()))
                        .replaceWithVoid();
            });
        });
    }
}
