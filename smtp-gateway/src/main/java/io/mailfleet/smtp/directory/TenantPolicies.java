package io.mailfleet.smtp.directory;

import io.mailfleet.directory.DirectoryClient;
import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.smtp.SmtpConfig;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Tenants' own policies (IP allow/deny lists, sending limits) from auth-service, cached briefly (cache
 * {@code tenant-policies}) since every RCPT on MX asks. A policy that cannot be fetched in time is
 * replaced by {@link TenantPolicy#defaults}: the platform's own limits and lists still apply, and mail
 * keeps flowing while auth-service is down. Failures are not cached, so the next call tries again.
 */
@ApplicationScoped
public class TenantPolicies {

    private static final Logger LOG = Logger.getLogger(TenantPolicies.class);

    private final DirectoryClient directory;
    private final Cache cache;
    private final Duration timeout;

    public TenantPolicies(@RestClient DirectoryClient directory, @CacheName("tenant-policies") Cache cache, SmtpConfig config) {
        this.directory = directory;
        this.cache = cache;
        this.timeout = config.policy().tenantPolicyTimeout();
    }

    /** The tenant's policy; defaults for a null tenant or when auth-service does not answer in time. */
    public Uni<TenantPolicy> of(String tenantId) {
        if (tenantId == null) {
            return Uni.createFrom().item(TenantPolicy.defaults(null));
        }
        return cache.<String, TenantPolicy>getAsync(tenantId, id -> directory.policy(id).ifNoItem().after(timeout).fail())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("policy of tenant %s unavailable, using platform defaults: %s", tenantId, failure.toString());
                    return TenantPolicy.defaults(tenantId);
                });
    }
}
