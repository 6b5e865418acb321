package io.mailfleet.spam.policy;

import io.mailfleet.directory.DirectoryClient;
import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.Recipient;
import io.mailfleet.spam.SpamFilterConfig;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Objects;

/**
 * The recipient tenants' policies from auth-service ({@code GET /internal/v1/tenants/{id}/policy}), cached briefly
 * (cache {@code tenant-policies}). auth-service being slow or down must not hold mail: after
 * {@code mailfleet.spam.policy.timeout} the platform defaults apply for that message (logged), and the next message asks
 * again.
 */
@ApplicationScoped
public class TenantPolicies {

    private static final Logger LOG = Logger.getLogger(TenantPolicies.class);
    /** Policies read per message: a message to many tenants costs bounded work. */
    private static final int MAX_TENANTS = 10;

    private final DirectoryClient directory;
    private final SpamFilterConfig.Policy config;

    public TenantPolicies(@RestClient DirectoryClient directory, SpamFilterConfig config) {
        this.directory = directory;
        this.config = config.policy();
    }

    /** The policies of the inbound message's recipient tenants; none for submitted mail (the sender is our own user). */
    public Uni<List<TenantPolicy>> of(MailEnvelope envelope) {
        if (envelope.direction() != Direction.INBOUND) {
            return Uni.createFrom().item(List.of());
        }
        List<String> tenants = envelope.recipients().stream().map(Recipient::tenantId).filter(Objects::nonNull).distinct()
                .limit(MAX_TENANTS).toList();
        if (tenants.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(tenants.stream().map(this::orDefaults).toList()).andFailFast();
    }

    private Uni<TenantPolicy> orDefaults(String tenantId) {
        return policy(tenantId)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("policy of tenant %s not available from auth-service (%s); platform defaults apply to this message",
                            tenantId, failure.toString());
                    return TenantPolicy.defaults(tenantId);
                });
    }

    /**
     * Cached on success only: a failure is not remembered, so the next message asks again. The timeout is part of the
     * shared load, so messages waiting for the same tenant all get its outcome instead of one cancelling it for the others.
     */
    @CacheResult(cacheName = "tenant-policies")
    Uni<TenantPolicy> policy(String tenantId) {
        return directory.policy(tenantId).ifNoItem().after(config.timeout()).fail();
    }
}
