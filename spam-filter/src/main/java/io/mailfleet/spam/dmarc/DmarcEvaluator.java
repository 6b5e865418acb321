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
 * and applies p=/sp=/pct=. The organizational domain comes from the Public Suffix List, or, with
 * {@code mailfleet.spam.dmarc.discovery=TREE_WALK}, from the DMARCbis DNS tree walk ({@link DmarcTreeWalk}).
 */
@ApplicationScoped
public class DmarcEvaluator {

    private final DnsLookup dns;
    private final DmarcDiscoveryConfig.Discovery discovery;
    private final IntSupplier percentile;
    private final DmarcTreeWalk treeWalk;

    @Inject
    public DmarcEvaluator(DnsLookup dns, DmarcDiscoveryConfig config) {
        this(dns, config.discovery(), () -> ThreadLocalRandom.current().nextInt(100));
    }

    /** @param percentile a number in [0, 100) per message, compared with pct= */
    public DmarcEvaluator(DnsLookup dns, DmarcDiscoveryConfig.Discovery discovery, IntSupplier percentile) {
        this.dns = dns;
        this.discovery = discovery;
        this.percentile = percentile;
        this.treeWalk = new DmarcTreeWalk(this::lookup);
    }

    /**
     * @param fromDomain the RFC5322.From domain, or null when the message has none or several (that is a permerror: DMARC
     *                   cannot say whose policy applies)
     */
    public Uni<DmarcResult> evaluate(String fromDomain, SpfOutcome spf, List<DkimResult> dkim) {
        if (fromDomain == null || fromDomain.isBlank()) {
            return Uni.createFrom().item(DmarcResult.without(DmarcResult.Status.PERMERROR, null, "no single RFC5322.From domain"));
        }
        Uni<DmarcResult> result = discovery == DmarcDiscoveryConfig.Discovery.TREE_WALK
                ? evaluateByTreeWalk(DmarcTreeWalk.normalize(fromDomain), spf, dkim)
                : evaluateByPublicSuffixList(fromDomain, spf, dkim);
        return result.onFailure(DnsTemporaryException.class)
                .recoverWithItem(e -> DmarcResult.without(DmarcResult.Status.TEMPERROR, fromDomain, e.getMessage()));
    }

    /** RFC 7489 §6.6.3: the From domain's record, else the PSL organizational domain's; relaxed alignment by the PSL. */
    private Uni<DmarcResult> evaluateByPublicSuffixList(String fromDomain, SpfOutcome spf, List<DkimResult> dkim) {
        String organizational = OrganizationalDomain.of(fromDomain);
        return lookup(fromDomain)
                .flatMap(found -> found.isPresent() || organizational.equalsIgnoreCase(fromDomain)
                        ? Uni.createFrom().item(found.map(r -> new Found(fromDomain, r.record(), false)))
                        : lookup(organizational).map(atOrg -> atOrg.map(r -> new Found(organizational, r.record(), true))))
                .map(found -> found.map(f -> apply(fromDomain, f,
                                spf != null && spf.result() == SpfResult.PASS
                                        && OrganizationalDomain.aligned(spf.domain(), fromDomain, f.record().strictSpf()),
                                dkim.stream().anyMatch(d -> d.passed()
                                        && OrganizationalDomain.aligned(d.domain(), fromDomain, f.record().strictDkim()))))
                        .orElseGet(() -> DmarcResult.without(DmarcResult.Status.NONE, fromDomain, "no DMARC record")));
    }

    /**
     * DMARCbis §4.10: the nearest record on the From domain's tree walk is the policy; relaxed alignment compares
     * organizational domains found by tree walks, so an identifier other than the From domain costs its own walk.
     */
    private Uni<DmarcResult> evaluateByTreeWalk(String fromDomain, SpfOutcome spf, List<DkimResult> dkim) {
        return treeWalk.walk(fromDomain).flatMap(walked -> {
            if (walked.isEmpty()) {
                return Uni.createFrom().item(DmarcResult.without(DmarcResult.Status.NONE, fromDomain, "no DMARC record"));
            }
            DmarcTreeWalk.Published nearest = walked.get(0);
            Found found = new Found(nearest.domain(), nearest.record(), !nearest.domain().equals(fromDomain));
            String fromOrganization = DmarcTreeWalk.organizationalDomain(fromDomain, walked);
            Uni<Boolean> spfAligned = spf != null && spf.result() == SpfResult.PASS
                    ? alignedByTreeWalk(spf.domain(), fromDomain, fromOrganization, found.record().strictSpf())
                    : Uni.createFrom().item(false);
            List<Uni<Boolean>> dkimAligned = dkim.stream().filter(DkimResult::passed)
                    .map(d -> alignedByTreeWalk(d.domain(), fromDomain, fromOrganization, found.record().strictDkim()))
                    .toList();
            Uni<Boolean> anyDkim = dkimAligned.isEmpty() ? Uni.createFrom().item(false)
                    : Uni.join().all(dkimAligned).andFailFast().map(all -> all.contains(true));
            return Uni.combine().all().unis(spfAligned, anyDkim).asTuple()
                    .map(aligned -> apply(fromDomain, found, aligned.getItem1(), aligned.getItem2()));
        });
    }

    private Uni<Boolean> alignedByTreeWalk(String identifier, String fromDomain, String fromOrganization, boolean strict) {
        if (identifier == null || identifier.isBlank()) {
            return Uni.createFrom().item(false);
        }
        String name = DmarcTreeWalk.normalize(identifier);
        if (strict || name.equals(fromDomain)) {
            return Uni.createFrom().item(name.equals(fromDomain));
        }
        return treeWalk.organizationalDomain(name).map(fromOrganization::equals);
    }

    private record Found(String domain, DmarcRecord record, boolean organizational) {
    }

    private DmarcResult apply(String fromDomain, Found found, boolean spfAligned, boolean dkimAligned) {
        DmarcRecord record = found.record();
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
    private Uni<Optional<DmarcTreeWalk.Published>> lookup(String domain) {
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
            return records.size() == 1
                    ? DmarcRecord.parse(records.get(0)).map(r -> new DmarcTreeWalk.Published(domain, r, DmarcTreeWalk.Psd.of(records.get(0))))
                    : Optional.empty();
        });
    }
}
