package io.mailfleet.auth.audit;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Keeps the audit trail to its retention period (60 days by default). */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final AuditStore store;
    private final AuditConfig config;

    public AuditRetention(AuditStore store, AuditConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${mailfleet.audit.purge-every:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> purge() {
        return store.purgeBefore(Instant.now().minus(config.retention()))
                .invoke(purged -> {
                    if (purged > 0) {
                        LOG.infof("purged %d audit events older than %s", purged, config.retention());
                    }
                })
                .replaceWithVoid();
    }
}
