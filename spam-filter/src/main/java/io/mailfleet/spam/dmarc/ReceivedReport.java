package io.mailfleet.spam.dmarc;

import java.time.Instant;
import java.util.List;

/**
 * An RFC 7489 aggregate report another receiver sent to one of our hosted domains (Appendix C {@code feedback}), as parsed:
 * who reported, for which policy domain and period, the policy they saw published and one row per source.
 */
public record ReceivedReport(String orgName, String email, String reportId, Instant begin, Instant end, PolicyPublished policy,
                             List<Row> rows) {

    public ReceivedReport {
        rows = List.copyOf(rows);
    }

    /** {@code policy_published}; absent tags are null (pct: 100, its RFC default). */
    public record PolicyPublished(String domain, String adkim, String aspf, String p, String sp, int pct) {
    }

    /** One {@code record}: a source, how many messages it sent, the reporter's evaluation and the raw results. */
    public record Row(String sourceIp, long count, String disposition, String dkim, String spf, String headerFrom,
                      String envelopeFrom, String envelopeTo, List<AuthResult> authResults) {

        public Row {
            authResults = List.copyOf(authResults);
        }
    }

    /** An {@code auth_results} entry: method dkim (domain, selector) or spf (domain, scope), with its result. */
    public record AuthResult(String method, String domain, String selector, String scope, String result) {
    }
}
