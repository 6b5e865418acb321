package io.mailfleet.spam.verdict;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.SpamFilterConfig;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.dmarc.DmarcResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The one place that turns symbols into a verdict: the score is their sum; the action comes from the thresholds of the
 * message's profile (submission, or the strictest of the recipients' tenants) and from a failed DMARC policy.
 */
@ApplicationScoped
public class VerdictPolicy {

    private final SpamFilterConfig config;

    public VerdictPolicy(SpamFilterConfig config) {
        this.config = config;
    }

    public Verdict decide(MailEnvelope envelope, AuthenticationResults authentication, List<Verdict.Symbol> symbols) {
        double score = Math.round(symbols.stream().mapToDouble(Verdict.Symbol::score).sum() * 100.0) / 100.0;
        Thresholds thresholds = thresholds(envelope);
        Verdict.Action action = Verdict.Action.DELIVER;
        if (score >= thresholds.reject()) {
            action = Verdict.Action.REJECT;
        } else if (score >= thresholds.quarantine()) {
            action = Verdict.Action.QUARANTINE;
        } else if (score >= thresholds.junk()) {
            action = Verdict.Action.JUNK;
        }
        action = max(action, dmarcAction(authentication.dmarc()));
        List<Verdict.Symbol> ordered = symbols.stream().sorted(Comparator.comparing(Verdict.Symbol::name)).toList();
        return new Verdict(score, action, ordered);
    }

    private Verdict.Action dmarcAction(DmarcResult dmarc) {
        if (dmarc == null || dmarc.status() != DmarcResult.Status.FAIL) {
            return Verdict.Action.DELIVER;
        }
        return switch (dmarc.disposition()) {
            case REJECT -> config.dmarcRejectAction();
            case QUARANTINE -> config.dmarcQuarantineAction();
            case NONE -> Verdict.Action.DELIVER;
        };
    }

    private static Verdict.Action max(Verdict.Action a, Verdict.Action b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    record Thresholds(double junk, double quarantine, double reject) {

        static Thresholds of(SpamFilterConfig.Thresholds config) {
            return new Thresholds(config.junk(), config.quarantine(), config.reject());
        }

        Thresholds strictest(Thresholds other) {
            return new Thresholds(Math.min(junk, other.junk), Math.min(quarantine, other.quarantine), Math.min(reject, other.reject));
        }
    }

    Thresholds thresholds(MailEnvelope envelope) {
        if (envelope.direction() == Direction.SUBMISSION) {
            return Thresholds.of(config.submission());
        }
        List<Thresholds> tenants = envelope.recipients().stream()
                .map(Recipient::tenantId)
                .filter(Objects::nonNull)
                .distinct()
                .map(tenant -> config.tenants().containsKey(tenant) ? Thresholds.of(config.tenants().get(tenant)) : Thresholds.of(config.inbound()))
                .toList();
        return tenants.stream().reduce(Thresholds::strictest).orElse(Thresholds.of(config.inbound()));
    }
}
