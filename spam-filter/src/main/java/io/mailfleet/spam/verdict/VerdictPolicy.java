package io.mailfleet.spam.verdict;

import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.SpamFilterConfig;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.dmarc.DmarcResult;
import io.mailfleet.spam.policy.TenantListCheck;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place that turns symbols into a verdict: the score is their sum; the action comes from the thresholds of the
 * message's profile (submission, or the strictest of the recipients' tenants, whose own policy may set them), from the
 * tenants' sender lists (blocked: reject; allowed: deliver unless it carries malware) and from a failed DMARC policy,
 * which even an allowed sender does not escape.
 */
@ApplicationScoped
public class VerdictPolicy {

    /** What an allow-listed sender cannot bring into the inbox. */
    private static final Set<String> MALWARE = Set.of("DANGEROUS_ATTACHMENT", "DOUBLE_EXTENSION", "MACRO_DOCUMENT");

    private final SpamFilterConfig config;

    public VerdictPolicy(SpamFilterConfig config) {
        this.config = config;
    }

    public Verdict decide(MailEnvelope envelope, AuthenticationResults authentication, List<Verdict.Symbol> symbols) {
        return decide(envelope, authentication, symbols, List.of());
    }

    public Verdict decide(MailEnvelope envelope, AuthenticationResults authentication, List<Verdict.Symbol> symbols,
                          List<TenantPolicy> policies) {
        double score = Math.round(symbols.stream().mapToDouble(Verdict.Symbol::score).sum() * 100.0) / 100.0;
        Thresholds thresholds = thresholds(envelope, policies);
        Verdict.Action action = Verdict.Action.DELIVER;
        if (score >= thresholds.reject()) {
            action = Verdict.Action.REJECT;
        } else if (score >= thresholds.quarantine()) {
            action = Verdict.Action.QUARANTINE;
        } else if (score >= thresholds.junk()) {
            action = Verdict.Action.JUNK;
        }
        Set<String> names = symbols.stream().map(Verdict.Symbol::name).collect(Collectors.toSet());
        if (names.contains(TenantListCheck.BLOCKED)) {
            action = Verdict.Action.REJECT;
        } else if (names.contains(TenantListCheck.ALLOWED) && names.stream().noneMatch(MALWARE::contains)) {
            action = Verdict.Action.DELIVER;
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

        /** The tenant's own values where its policy sets them. */
        Thresholds overriddenBy(TenantPolicy.SpamThresholds own) {
            return new Thresholds(own.junk() != null ? own.junk() : junk, own.quarantine() != null ? own.quarantine() : quarantine,
                    own.reject() != null ? own.reject() : reject);
        }
    }

    Thresholds thresholds(MailEnvelope envelope, List<TenantPolicy> policies) {
        if (envelope.direction() == Direction.SUBMISSION) {
            return Thresholds.of(config.submission());
        }
        Map<String, TenantPolicy> byTenant = policies.stream().collect(Collectors.toMap(TenantPolicy::tenantId, Function.identity(), (a, b) -> a));
        List<Thresholds> tenants = envelope.recipients().stream()
                .map(Recipient::tenantId)
                .filter(Objects::nonNull)
                .distinct()
                .map(tenant -> {
                    Thresholds configured = config.tenants().containsKey(tenant) ? Thresholds.of(config.tenants().get(tenant)) : Thresholds.of(config.inbound());
                    TenantPolicy policy = byTenant.get(tenant);
                    return policy == null ? configured : configured.overriddenBy(policy.spam());
                })
                .toList();
        return tenants.stream().reduce(Thresholds::strictest).orElse(Thresholds.of(config.inbound()));
    }
}
