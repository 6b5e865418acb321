package io.mailfleet.spam.dmarc;

import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.DnsTemporaryException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rua= addresses a report may go to. An address outside the policy domain's organization must have agreed to receive
 * its reports ({@code <policy-domain>._report._dmarc.<address-domain>} TXT "v=DMARC1", RFC 7489 §7.1), or anyone could
 * make us mail reports to a victim.
 */
@ApplicationScoped
public class ReportDestinations {

    private final DnsLookup dns;

    public ReportDestinations(DnsLookup dns) {
        this.dns = dns;
    }

    public Uni<List<String>> verified(String policyDomain, List<String> uris) {
        List<Uni<String>> checks = new ArrayList<>();
        for (String uri : uris) {
            String address = address(uri);
            if (address == null) {
                continue;
            }
            String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            checks.add(OrganizationalDomain.aligned(domain, policyDomain, false)
                    ? Uni.createFrom().item(address)
                    : authorized(policyDomain, domain).map(ok -> ok ? address : null));
        }
        if (checks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(checks).andFailFast().map(addresses -> addresses.stream().filter(a -> a != null).distinct().toList());
    }

    /** {@code mailto:addr[!size]} → addr; anything else is not a destination we send to. */
    static String address(String uri) {
        if (!uri.regionMatches(true, 0, "mailto:", 0, 7)) {
            return null;
        }
        String address = uri.substring(7);
        int limit = address.indexOf('!');
        address = (limit >= 0 ? address.substring(0, limit) : address).strip();
        return address.matches("[^@\\s,]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}") ? address : null;
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
