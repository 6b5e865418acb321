package io.mailfleet.spam.dmarc;

import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.DnsTemporaryException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rua=/ruf= addresses a report may go to, each with its {@code !size} limit. An address outside the policy domain's organization must have agreed to receive
 * its reports ({@code <policy-domain>._report._dmarc.<address-domain>} TXT "v=DMARC1", RFC 7489 §7.1), or anyone could
 * make us mail reports to a victim.
 */
@ApplicationScoped
public class ReportDestinations {

    private static final Logger LOG = Logger.getLogger(ReportDestinations.class);

    private final DnsLookup dns;

    public ReportDestinations(DnsLookup dns) {
        this.dns = dns;
    }

    /**
     * The mailto: URIs we may send the policy domain's reports to, one per address (the largest size limit when an address
     * is listed twice: each URI is to get the report, and one copy within the larger limit serves both).
     */
    public Uni<List<ReportUri>> verified(String policyDomain, List<String> uris) {
        List<Uni<ReportUri>> checks = new ArrayList<>();
        for (String text : uris) {
            ReportUri uri = ReportUri.parse(text).orElse(null);
            if (uri == null) {
                continue;
            }
            String domain = uri.address().substring(uri.address().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            checks.add(OrganizationalDomain.aligned(domain, policyDomain, false)
                    ? Uni.createFrom().item(uri)
                    : authorized(policyDomain, domain).map(ok -> ok ? uri : null));
        }
        if (checks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(checks).andFailFast().map(ReportDestinations::onePerAddress);
    }

    private static List<ReportUri> onePerAddress(List<ReportUri> uris) {
        Map<String, ReportUri> byAddress = new LinkedHashMap<>();
        for (ReportUri uri : uris) {
            if (uri != null) {
                byAddress.merge(uri.address().toLowerCase(Locale.ROOT), uri, (a, b) -> a.maxBytes() >= b.maxBytes() ? a : b);
            }
        }
        return List.copyOf(byAddress.values());
    }

    /**
     * The addresses whose {@code !size} limit a report of {@code reportBytes} fits: RFC 7489 §6.2 asks for a report "so
     * long as the report payload does not exceed" it. We measure the whole message we submit (the base64 of the gzip file
     * plus headers, larger than the file itself), which keeps within the limit whether the owner meant the file or the mail.
     * The skipped ones are logged without their addresses (a report address is the domain owner's business, not our log's).
     */
    static List<String> accepting(String policyDomain, String kind, List<ReportUri> uris, long reportBytes) {
        List<String> to = new ArrayList<>();
        for (ReportUri uri : uris) {
            if (uri.accepts(reportBytes)) {
                to.add(uri.address());
            } else {
                LOG.infof("%s for %s (%d bytes) not sent to a destination limited to %d bytes", kind, policyDomain, reportBytes,
                        uri.maxBytes());
            }
        }
        return to;
    }

    private Uni<Boolean> authorized(String policyDomain, String addressDomain) {
        Name name;
        try {
            name = Name.fromString(policyDomain + "._report._dmarc." + addressDomain + ".");
        } catch (TextParseException e) {
            return Uni.createFrom().item(false);
        }
        return dns.query(name, Type.TXT)
                .map(answer -> answer.recordsOf(TXTRecord.class).stream()
                        .anyMatch(r -> String.join("", r.getStrings()).startsWith("v=DMARC1")))
                // no answer: no report this time rather than one to an address that never agreed
                .onFailure(DnsTemporaryException.class).recoverWithItem(false);
    }
}
