package io.mailfleet.spam.dmarc;

import java.time.Instant;
import java.util.List;

/**
 * One DMARC evaluation as recorded on {@code dmarc.results} (key = the policy domain): the facts an RFC 7489 aggregate report row
 * needs (source IP, identifiers, auth results, policy evaluated, disposition).
 */
public record DmarcEvaluationEvent(
        int version,
        String messageId,
        Instant evaluatedAt,
        String sourceIp,
        String headerFrom,
        String policyDomain,
        String policy,
        String subdomainPolicy,
        int percent,
        boolean strictDkim,
        boolean strictSpf,
        List<String> aggregateReportUris,
        List<String> failureReportUris,
        String result,
        String disposition,
        boolean spfAligned,
        boolean dkimAligned,
        String envelopeFrom,
        String spfDomain,
        String spfResult,
        List<DkimEntry> dkim) {

    public static final int CURRENT_VERSION = 1;

    public record DkimEntry(String domain, String selector, String result) {
    }
}
