package io.mailfleet.spam.spf;

/**
 * What check_host() returned for one identity.
 *
 * @param domain      the domain whose policy was evaluated (the MAIL FROM or HELO domain)
 * @param explanation for {@code fail} only: the exp= text, or null when the policy gave none
 * @param reason      why (the mechanism that matched, or the error), for logs and the A-R header comment
 */
public record SpfOutcome(SpfResult result, String domain, String explanation, String reason) {

    static SpfOutcome of(SpfResult result, String domain, String reason) {
        return new SpfOutcome(result, domain, null, reason);
    }

    SpfOutcome withExplanation(String text) {
        return new SpfOutcome(result, domain, text, reason);
    }
}
