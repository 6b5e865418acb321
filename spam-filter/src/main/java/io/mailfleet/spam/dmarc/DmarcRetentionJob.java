package io.mailfleet.spam.dmarc;

import io.mailfleet.spam.SpamFilterConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps schema {@code dmarc} from growing forever: evaluations older than {@code evaluation-retention} and received reports
 * whose period ended more than {@code dmarc-incoming-reports.retention} ago are deleted. Deleting is idempotent, so every
 * replica runs it without a lock.
 */
@ApplicationScoped
public class DmarcRetentionJob {

    private static final Logger LOG = Logger.getLogger(DmarcRetentionJob.class);
    /** The daily job reads the previous UTC day; at its latest possible run (23:59) that day began 48 hours earlier. */
    static final Duration MIN_EVALUATION_RETENTION = Duration.ofDays(2);
    /** Rows per DELETE: each batch is its own short transaction. */
    static final int BATCH = 5000;

    private final DmarcEvaluationStore evaluations;
    private final ReceivedReportStore receivedReports;
    private final SpamFilterConfig config;
    private final IncomingReportsConfig incoming;

    public DmarcRetentionJob(DmarcEvaluationStore evaluations, ReceivedReportStore receivedReports, SpamFilterConfig config,
                             IncomingReportsConfig incoming) {
        this.evaluations = evaluations;
        this.receivedReports = receivedReports;
        this.config = config;
        this.incoming = incoming;
    }

    /** A retention shorter than the reporting period would delete evaluations before they are reported: refuse to start. */
    void checkRetention(@Observes StartupEvent startup) {
        checkEvaluationRetention(config.dmarcReports().evaluationRetention());
    }

    static void checkEvaluationRetention(Duration retention) {
        if (retention.compareTo(MIN_EVALUATION_RETENTION) < 0) {
            throw new IllegalArgumentException("mailfleet.spam.dmarc-reports.evaluation-retention must be at least "
                    + MIN_EVALUATION_RETENTION.toHours() + "h (the daily report reads the previous UTC day), not " + retention);
        }
    }

    @Scheduled(every = "{mailfleet.spam.dmarc-reports.purge-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge(Instant.now()).onFailure().recoverWithItem(failure -> {
            // the next run catches up; nothing is lost by deleting late
            LOG.warnf("DMARC retention purge failed: %s", failure.toString());
            return null;
        });
    }

    /** Deletes what expired by {@code now}. */
    public Uni<Void> purge(Instant now) {
        return evaluations.purge(now.minus(config.dmarcReports().evaluationRetention()), BATCH)
                .flatMap(deletedEvaluations -> receivedReports.purge(now.minus(incoming.retention()), BATCH)
                        .invoke(deletedReports -> {
                            if (deletedEvaluations + deletedReports > 0) {
                                LOG.infof("DMARC retention: deleted %d evaluations and %d received reports", deletedEvaluations, deletedReports);
                            }
                        }))
                .replaceWithVoid();
    }
}
