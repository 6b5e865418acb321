package io.mailfleet.spam.dmarc;

import io.mailfleet.spam.SpamFilterConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Once a day: for every policy domain evaluated the previous UTC day, its aggregate report to its verified rua= addresses,
 * submitted like any user's mail (mail.inbound, direction SUBMISSION) so that it is scored, DKIM-signed and relayed the
 * normal way. A Redis lock per day makes one replica do it.
 */
@ApplicationScoped
public class AggregateReportJob {

    private static final Logger LOG = Logger.getLogger(AggregateReportJob.class);
    public static final String LOCK_PREFIX = "spam:dmarc-reports:";

    private final DmarcEvaluationStore store;
    private final AggregateReports reports;
    private final ReportDestinations destinations;
    private final ReactiveValueCommands<String, String> locks;
    private final ReactiveKeyCommands<String> keys;
    private final ReportSubmissions submissions;
    private final SpamFilterConfig config;

    public AggregateReportJob(DmarcEvaluationStore store, AggregateReports reports, ReportDestinations destinations,
                              ReactiveRedisDataSource redis, ReportSubmissions submissions,
                              SpamFilterConfig config) {
        this.store = store;
        this.reports = reports;
        this.destinations = destinations;
        this.locks = redis.value(String.class);
        this.keys = redis.key();
        this.submissions = submissions;
        this.config = config;
    }

    @Scheduled(cron = "{mailfleet.spam.dmarc-reports.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return send(LocalDate.now(ZoneOffset.UTC).minusDays(1))
                .invoke(count -> LOG.infof("sent %d DMARC aggregate reports", count))
                .replaceWithVoid();
    }

    /** Sends the reports of {@code day}; 0 when another run (or replica) already took that day. */
    public Uni<Integer> send(LocalDate day) {
        Instant begin = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String lock = LOCK_PREFIX + day;
        return locks.setnx(lock, Instant.now().toString())
                .call(acquired -> acquired ? keys.expire(lock, Duration.ofDays(3)) : Uni.createFrom().voidItem())
                .flatMap(acquired -> !acquired ? Uni.createFrom().item(0)
                        : store.domains(begin, end).onItem().transformToMulti(Multi.createFrom()::iterable)
                        .onItem().transformToUniAndConcatenate(domain -> sendOne(domain, begin, end))
                        .collect().asList()
                        .map(sent -> (int) sent.stream().filter(Boolean::booleanValue).count()));
    }

    /** One policy domain's report for [begin, end) to its verified rua= addresses; false when nobody got one. */
    public Uni<Boolean> sendOne(String domain, Instant begin, Instant end) {
        return reports.report(domain, begin, end).flatMap(report -> {
            if (report.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            List<DmarcEvaluationEvent> events = report.get().evaluations();
            return destinations.verified(domain, events.get(events.size() - 1).aggregateReportUris())
                    .flatMap(uris -> submissions.submit("dmarc-report", domain, uris, to -> compose(report.get(), to))
                            .call(sent -> sent || uris.isEmpty() ? Uni.createFrom().voidItem() : reportTooLarge(report.get(), uris)));
        });
    }

    private byte[] compose(AggregateReport report, List<String> to) {
        return ReportMessage.compose(report, config.authservId(), config.dmarcReports().contact(), to, Instant.now());
    }

    /** RFC 7489 §7.2.2: the destinations learn that a report exists that their size limits kept from them. */
    private Uni<Boolean> reportTooLarge(AggregateReport report, List<ReportUri> uris) {
        long size = compose(report, uris.stream().map(ReportUri::address).toList()).length;
        return submissions.submit("dmarc-error-report", report.policyDomain(), uris, to -> ReportMessage.composeError(report, size, uris,
                config.authservId(), config.dmarcReports().contact(), to, Instant.now()));
    }
}
