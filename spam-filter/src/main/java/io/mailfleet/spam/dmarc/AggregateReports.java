package io.mailfleet.spam.dmarc;

import io.mailfleet.spam.SpamFilterConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** Builds one policy domain's aggregate report for a period from the stored evaluations. */
@ApplicationScoped
public class AggregateReports {

    private final DmarcEvaluationStore store;
    private final SpamFilterConfig config;

    public AggregateReports(DmarcEvaluationStore store, SpamFilterConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Empty when nothing from that domain was evaluated in [begin, end). */
    public Uni<Optional<AggregateReport>> report(String policyDomain, Instant begin, Instant end) {
        return store.evaluations(policyDomain, begin, end).map(events -> events.isEmpty() ? Optional.empty()
                : Optional.of(new AggregateReport(config.dmarcReports().organization(), config.dmarcReports().contact(),
                        policyDomain + "-" + begin.getEpochSecond(), policyDomain, begin, end, events)));
    }
}
