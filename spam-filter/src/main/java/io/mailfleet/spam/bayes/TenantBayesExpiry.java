package io.mailfleet.spam.bayes;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Ages the tenant models as SpamAssassin's bayes_expiry does: what users stopped teaching fades out, and no tenant's model
 * grows past {@code max-tokens-per-tenant}. Tenants are aged one after another, so one run holds one database connection.
 */
@ApplicationScoped
public class TenantBayesExpiry {

    private static final Logger LOG = Logger.getLogger(TenantBayesExpiry.class);
    /** Rows per DELETE: each batch is its own short transaction. */
    static final int BATCH = 5000;

    private final TenantBayesStore store;
    private final TenantBayesConfig config;

    public TenantBayesExpiry(TenantBayesStore store, TenantBayesConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "{mailfleet.spam.bayes.expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return expire(Instant.now()).onFailure().recoverWithItem(failure -> {
            // a model aged late only keeps old tokens a little longer
            LOG.warnf("Bayes token expiry failed: %s", failure.toString());
            return null;
        });
    }

    /** Ages every tenant's model as of {@code now}. */
    public Uni<Void> expire(Instant now) {
        Instant learnedBefore = now.minus(config.tokenMaxAge());
        return store.tenants().onItem().transformToMulti(Multi.createFrom()::iterable)
                .onItem().transformToUniAndConcatenate(tenant -> store.expire(tenant, learnedBefore, config.maxTokensPerTenant(), BATCH))
                .collect().with(Collectors.summingLong(Long::longValue))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Bayes expiry: deleted %d tokens of tenant models", deleted);
                    }
                })
                .replaceWithVoid();
    }
}
