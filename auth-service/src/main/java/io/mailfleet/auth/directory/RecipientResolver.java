package io.mailfleet.auth.directory;

import io.mailfleet.directory.RecipientLookup;
import io.mailfleet.directory.RecipientLookup.MailboxRef;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "which mailboxes does mail for this address go to?" in the order Postfix's virtual maps do:
 * an account with the exact address, an alias with the exact address, then the same for the address
 * without its {@code +detail}, then the domain's catch-all. Alias targets are resolved again (aliases of
 * aliases, lists containing lists) up to a configured depth, visiting each address once so cycles end.
 */
@ApplicationScoped
public class RecipientResolver {

    private static final Logger LOG = Logger.getLogger(RecipientResolver.class);

    private final DomainStore domains;
    private final TenantStore tenants;
    private final AccountStore accounts;
    private final AliasStore aliases;
    private final DirectoryConfig config;

    public RecipientResolver(DomainStore domains, TenantStore tenants, AccountStore accounts, AliasStore aliases,
                             DirectoryConfig config) {
        this.domains = domains;
        this.tenants = tenants;
        this.accounts = accounts;
        this.aliases = aliases;
        this.config = config;
    }

    public Uni<RecipientLookup> resolve(String rawAddress) {
        Optional<Addresses.Address> parsed = Addresses.mailbox(rawAddress);
        if (parsed.isEmpty()) {
            return Uni.createFrom().item(new RecipientLookup(rawAddress, false, false, null, List.of()));
        }
        Addresses.Address address = parsed.get();
        return domains.find(address.domain()).flatMap(domain -> {
            if (domain.isEmpty()) {
                return Uni.createFrom().item(new RecipientLookup(address.toString(), false, false, null, List.of()));
            }
            String tenantId = domain.get().tenantId().toString();
            return tenants.find(domain.get().tenantId()).flatMap(tenant -> {
                if (tenant.isEmpty() || tenant.get().status() != Tenant.Status.ACTIVE) {
                    return Uni.createFrom().item(new RecipientLookup(address.toString(), true, false, tenantId, List.of()));
                }
                Map<String, MailboxRef> mailboxes = new LinkedHashMap<>();
                return expand(address, 0, new HashSet<>(), mailboxes).map(ignored -> new RecipientLookup(
                        address.toString(), true, !mailboxes.isEmpty(), tenantId, List.copyOf(mailboxes.values())));
            });
        });
    }

    /** Adds the mailboxes {@code address} leads to; remote addresses become entries without account. */
    private Uni<Void> expand(Addresses.Address address, int depth, Set<String> visited, Map<String, MailboxRef> out) {
        if (!visited.add(address.toString())) {
            return Uni.createFrom().voidItem();
        }
        if (depth > config.maxExpansionDepth()) {
            LOG.warnf("alias expansion of %s stopped at depth %d", address, depth);
            return Uni.createFrom().voidItem();
        }
        Optional<Addresses.Address> base = address.withoutDetail(config.detailSeparator());
        String folder = config.detailAsFolder() ? address.detail(config.detailSeparator()).orElse(null) : null;
        List<String> candidates = new ArrayList<>(List.of(address.toString()));
        base.ifPresent(b -> candidates.add(b.toString()));
        String catchAll = "@" + address.domain();

        return domains.find(address.domain()).flatMap(domain -> {
            if (domain.isEmpty()) {
                out.putIfAbsent(address.toString(), new MailboxRef(null, address.toString(), null));
                return Uni.createFrom().voidItem();
            }
            return accounts.findByAddresses(candidates).flatMap(found -> {
                List<String> withCatchAll = new ArrayList<>(candidates);
                withCatchAll.add(catchAll);
                return aliases.findBySources(withCatchAll).flatMap(aliasList -> {
                    for (String candidate : candidates) {
                        Optional<Account> account = found.stream().filter(a -> a.address().equals(candidate)).findFirst();
                        if (account.isPresent()) {
                            deliver(account.get(), candidate.equals(address.toString()) ? null : folder, out);
                            return Uni.createFrom().voidItem();
                        }
                        Optional<Alias> alias = aliasList.stream().filter(a -> a.source().equals(candidate)).findFirst();
                        if (alias.isPresent()) {
                            return expandTargets(alias.get(), depth, visited, out);
                        }
                    }
                    return aliasList.stream().filter(a -> a.source().equals(catchAll)).findFirst()
                            .map(alias -> expandTargets(alias, depth, visited, out))
                            .orElseGet(() -> Uni.createFrom().voidItem());
                });
            });
        });
    }

    private Uni<Void> expandTargets(Alias alias, int depth, Set<String> visited, Map<String, MailboxRef> out) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String target : alias.targets()) {
            Optional<Addresses.Address> parsed = Addresses.mailbox(target);
            if (parsed.isPresent()) {
                // sequential on purpose: the visited set and the output map are not thread-safe
                chain = chain.flatMap(ignored -> expand(parsed.get(), depth + 1, visited, out));
            }
        }
        return chain;
    }

    /** Disabled accounts receive nothing: the sender gets a 550 rather than mail vanishing. */
    private static void deliver(Account account, String folder, Map<String, MailboxRef> out) {
        if (account.status() == Account.Status.ACTIVE) {
            out.putIfAbsent(account.id().toString(), new MailboxRef(account.id().toString(), account.address(), folder));
        }
    }
}
