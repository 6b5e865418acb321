package io.mailfleet.spam.dmarc;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.spam.SpamFilterConfig;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.auth.AuthenticationResultsHeader;
import io.mailfleet.spam.dkim.DkimResult;
import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.spf.SpfResult;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * RFC 6591 failure reports to a policy's verified {@code ruf=} addresses, when its {@code fo=} options ask for one (RFC 7489
 * §6.3): {@code 0} (default) DMARC failed, {@code 1} any mechanism did not give an aligned pass, {@code d} a DKIM signature
 * failed to verify, {@code s} SPF failed. At most {@code failure-reports-per-hour} per policy domain (a Redis counter shared
 * by the replicas), so a forgery campaign cannot make us flood the domain owner. Best effort: trouble is logged, the message
 * goes on.
 */
@ApplicationScoped
public class FailureReports {

    private static final Logger LOG = Logger.getLogger(FailureReports.class);
    public static final String COUNTER_PREFIX = "spam:dmarc-ruf:";

    private final ReportDestinations destinations;
    private final ReportSubmissions submissions;
    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final SpamFilterConfig config;

    public FailureReports(ReportDestinations destinations, ReportSubmissions submissions, ReactiveRedisDataSource redis,
                          SpamFilterConfig config) {
        this.destinations = destinations;
        this.submissions = submissions;
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.config = config;
    }

    public Uni<Void> report(MailEnvelope envelope, RawMessage message, AuthenticationResults authentication) {
        DmarcResult dmarc = authentication.dmarc();
        if (envelope.direction() != Direction.INBOUND || dmarc == null || dmarc.record() == null
                || dmarc.record().failureReportUris().isEmpty() || !requested(dmarc, authentication)) {
            return Uni.createFrom().voidItem();
        }
        String counter = COUNTER_PREFIX + dmarc.policyDomain() + ":" + Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond();
        return counters.incr(counter)
                .call(count -> count == 1 ? keys.expire(counter, Duration.ofHours(2)) : Uni.createFrom().voidItem())
                .flatMap(count -> count > config.dmarcReports().failureReportsPerHour() ? Uni.createFrom().voidItem()
                        : destinations.verified(dmarc.policyDomain(), dmarc.record().failureReportUris())
                        .flatMap(uris -> submissions.submit("dmarc-failure-report", dmarc.policyDomain(), uris,
                                to -> FailureReportMessage.compose(envelope, message, dmarc,
                                        AuthenticationResultsHeader.render(config.authservId(), authentication), config.authservId(),
                                        config.dmarcReports().contact(), to, Instant.now())))
                        .replaceWithVoid())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("DMARC failure report for %s not sent: %s", dmarc.policyDomain(), failure.toString());
                    return null;
                });
    }

    static boolean requested(DmarcResult dmarc, AuthenticationResults authentication) {
        for (String option : dmarc.record().failureOptions().split(":")) {
            boolean wanted = switch (option.strip()) {
                case "0" -> dmarc.status() == DmarcResult.Status.FAIL;
                case "1" -> !dmarc.spfAligned() || !dmarc.dkimAligned();
                case "d" -> authentication.dkim().stream().anyMatch(d -> d.status() == DkimResult.Status.FAIL);
                case "s" -> authentication.spf() != null && authentication.spf().result() == SpfResult.FAIL;
                default -> false;
            };
            if (wanted) {
                return true;
            }
        }
        return false;
    }
}
