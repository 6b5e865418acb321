package io.mailfleet.spam.auth;

import io.mailfleet.spam.dkim.ArcResult;
import io.mailfleet.spam.dkim.DkimResult;
import io.mailfleet.spam.dmarc.DmarcResult;
import io.mailfleet.spam.spf.SpfOutcome;

import java.util.List;

/**
 * What sender authentication found for one message. For submitted mail (an authenticated user of ours) SPF, DKIM and
 * DMARC are not evaluated: {@code spf} and {@code dmarc} are null and {@code dkim} empty.
 *
 * @param mailFrom the envelope sender as the SPF check saw it
 */
public record AuthenticationResults(String mailFrom, String helo, SpfOutcome spf, List<DkimResult> dkim, DmarcResult dmarc,
                                    String authenticatedPrincipal, ArcResult arc) {

    public AuthenticationResults {
        dkim = dkim == null ? List.of() : List.copyOf(dkim);
    }

    /** Without an ARC evaluation (submitted mail, tools that do not look at ARC). */
    public AuthenticationResults(String mailFrom, String helo, SpfOutcome spf, List<DkimResult> dkim, DmarcResult dmarc,
                                 String authenticatedPrincipal) {
        this(mailFrom, helo, spf, dkim, dmarc, authenticatedPrincipal, null);
    }
}
