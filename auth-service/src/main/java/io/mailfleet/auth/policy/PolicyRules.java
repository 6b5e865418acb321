package io.mailfleet.auth.policy;

import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.problem.Problem.FieldError;
import io.mailfleet.auth.problem.ProblemException;
import io.mailfleet.directory.Cidr;
import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.directory.TenantPolicy.SendingLimits;
import io.mailfleet.directory.TenantPolicy.SpamThresholds;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Checks a policy a tenant wants and brings it into canonical form: every entry of every list, the threshold
 * order and the limits are checked, and all problems are reported at once (field {@code ipDeny[2]} …).
 */
@ApplicationScoped
public class PolicyRules {

    private final PolicyConfig config;

    public PolicyRules(PolicyConfig config) {
        this.config = config;
    }

    /** The canonical policy, or a 400 problem listing every offending field. */
    public TenantPolicy canonical(String tenantId, TenantPolicy wanted) {
        List<FieldError> errors = new ArrayList<>();
        List<String> ipAllow = list("ipAllow", wanted.ipAllow(), PolicyRules::cidr, errors);
        List<String> ipDeny = list("ipDeny", wanted.ipDeny(), PolicyRules::cidr, errors);
        List<String> senderAllow = list("senderAllow", wanted.senderAllow(), PolicyRules::sender, errors);
        List<String> senderBlock = list("senderBlock", wanted.senderBlock(), PolicyRules::sender, errors);
        SpamThresholds spam = wanted.spam();
        checkScore("spam.junk", spam.junk(), errors);
        checkScore("spam.quarantine", spam.quarantine(), errors);
        checkScore("spam.reject", spam.reject(), errors);
        checkOrder("spam.quarantine", spam.junk(), spam.quarantine(), "junk", errors);
        checkOrder("spam.reject", spam.quarantine(), spam.reject(), "quarantine", errors);
        checkOrder("spam.reject", spam.junk(), spam.reject(), "junk", errors);
        SendingLimits sending = wanted.sending();
        checkLimit("sending.messagesPerDay", sending.messagesPerDay(), config.maxMessagesPerDay(), errors);
        checkLimit("sending.recipientsPerMessage", sending.recipientsPerMessage(), config.maxRecipientsPerMessage(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
        return new TenantPolicy(tenantId, ipAllow, ipDeny, senderAllow, senderBlock, spam, sending);
    }

    /** Canonical entries in the given order, duplicates dropped; a bad entry is reported and left out. */
    private List<String> list(String field, List<String> entries, Function<String, String> canonical, List<FieldError> errors) {
        if (entries.size() > config.maxListEntries()) {
            errors.add(new FieldError(field, "at most " + config.maxListEntries() + " entries"));
            return List.of();
        }
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                result.add(canonical.apply(entries.get(i)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field + "[" + i + "]", e.getMessage()));
            }
        }
        return List.copyOf(result);
    }

    private static String cidr(String entry) {
        return Cidr.parse(entry).toString();
    }

    /** {@code a@example.org} or {@code example.org}, lower case, domains as A-labels. */
    private static String sender(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        if (entry.contains("@")) {
            return Addresses.mailbox(entry).map(Addresses.Address::toString)
                    .orElseThrow(() -> new IllegalArgumentException(entry.trim() + " is not a valid mail address"));
        }
        return Addresses.domain(entry)
                .orElseThrow(() -> new IllegalArgumentException(entry.trim() + " is neither a mail address nor a domain name"));
    }

    private void checkScore(String field, Double score, List<FieldError> errors) {
        if (score != null && (score.isNaN() || Math.abs(score) > config.maxAbsoluteScore())) {
            errors.add(new FieldError(field, "must lie between -" + config.maxAbsoluteScore() + " and " + config.maxAbsoluteScore()));
        }
    }

    /** Only thresholds the tenant set are compared: an unset one follows the platform default. */
    private static void checkOrder(String field, Double lower, Double higher, String lowerName, List<FieldError> errors) {
        if (lower != null && higher != null && higher < lower) {
            errors.add(new FieldError(field, "must not be below " + lowerName + " (" + lower + ")"));
        }
    }

    private static void checkLimit(String field, Integer value, int max, List<FieldError> errors) {
        if (value != null && (value < 1 || value > max)) {
            errors.add(new FieldError(field, "must be between 1 and " + max));
        }
    }
}
