package io.mailfleet.spam.dmarc;

import io.mailfleet.spam.dkim.DkimResult;
import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.DnsTemporaryException;
import io.mailfleet.spam.spf.SpfOutcome;
import io.mailfleet.spam.spf.SpfResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * RFC 7489 §6.6: finds the policy of the From domain (or its organizational domain), checks SPF and DKIM identifier alignment
 * and applies p=/sp=/pct=.
 */
@ApplicationScoped
public class DmarcEvaluator {

    private final DnsLookup dns;
    private final IntSupplier percentile;

    @Inject
    public DmarcEvaluator(DnsLookup dns) {
        this(dns, () -> ThreadLocalRandom.current().nextInt(100));
    }

    /** @param percentile a number in [0, 100) per message, compared with pct= */
    public DmarcEvaluator(DnsLookup dns, IntSupplier percentile) {
        this.dns = dns;
        this.percentile = percentile;
    }

    /**
     * @param fromDomain the RFC5322.From domain, or null when the message has none or several (that is a permerror: DMARC
     *                   cannot say whose policy applies)
     */
    public Uni<DmarcResult> evaluate(String fromDomain, SpfOutcome spf, List<DkimResult> dkim) {
        if (fromDomain == null || fromDomain.isBlank()) {
            return Uni.createFrom().item(DmarcResult.without(DmarcResult.Status.PERMERROR, null, "no single RFC5322.From domain"));
        }
        String organizational = OrganizationalDomain.of(fromDomain);
        return lookup(fromDomain)
                .flatMap(found -> found.isPresent() || organizational.equalsIgnoreCase(fromDomain)
                        ? Uni.createFrom().item(found.map(r -> new Found(fromDomain, r, false)))
                        : lookup(organizational).map(atOrg -> atOrg.map(r -> new Found(organizational, r, true))))
                .map(found -> found.map(f -> apply(fromDomain, f, spf, dkim))
                        .orElseGet(() -> DmarcResult.without(DmarcResult.Status.NONE, fromDomain, "no DMARC record")))
                .onFailure(DnsTemporaryException.class)
                .recoverWithItem(e -> DmarcResult.without(DmarcResult.Status.TEMPERROR, fromDomain, e.getMessage()));
    }

    private record Found(String domain, DmarcRecord record, boolean organizational) {
    }

    private DmarcResult apply(String fromDomain, Found found, SpfOutcome spf, List<DkimResult> dkim) {
        DmarcRecord record = found.record();
        boolean spfAligned = spf != null && spf.result() == SpfResult.PASS
                && OrganizationalDomain.aligned(spf.domain(), fromDomain, record.strictSpf());
        boolean dkimAligned = dkim.stream().anyMatch(d -> d.passed() && OrganizationalDomain.aligned(d.domain(), fromDomain, record.strictDkim()));
        DmarcRecord.Policy policy = found.organizational() ? record.subdomainPolicy().orElse(record.policy()) : record.policy();
        if (spfAligned || dkimAligned) {
            return new DmarcResult(DmarcResult.Status.PASS, fromDomain, found.domain(), record, policy, DmarcRecord.Policy.NONE,
                    spfAligned, dkimAligned, null);
        }
        DmarcRecord.Policy disposition = percentile.getAsInt() < record.percent() ? policy : policy.relaxed();
        return new DmarcResult(DmarcResult.Status.FAIL, fromDomain, found.domain(), record, policy, disposition, false, false,
                "neither SPF nor DKIM aligned with " + fromDomain);
    }

    /** §6.6.3: exactly one "v=DMARC1" TXT record at _dmarc.domain; none or several is no policy. */
    private Uni<Optional<DmarcRecord>> lookup(String domain) {
        Name name;
        try {
            name = Name.fromString("_dmarc." + domain + (domain.endsWith(".") ? "" : "."));
        } catch (TextParseException e) {
            return Uni.createFrom().item(Optional.empty());
        }
        return dns.query(name, Type.TXT).map(answer -> {
            List<String> records = answer.recordsOf(TXTRecord.class).stream()
                    .map(r -> {
                        StringBuilder text = new StringBuilder();
                        r.getStringsAsByteArrays().forEach(b -> text.append(new String(b, StandardCharsets.ISO_8859_1)));
                        return text.toString();
                    })
                    .filter(DmarcRecord::isDmarcRecord)
                    .toList();
            return records.size() == 1 ? DmarcRecord.parse(records.get(0)) : Optional.empty();
        });
    }
}
