package io.mailfleet.spam.reputation;

import io.mailfleet.events.Direction;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.SpamFilterConfig;
import io.mailfleet.spam.dmarc.OrganizationalDomain;
import io.mailfleet.spam.verdict.ScanContext;
import io.mailfleet.spam.verdict.SpamCheck;
import io.mailfleet.spam.verdict.SymbolScores;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The client IP against the DNSBL zones and the domains of links against the URIBL/DBL zones, all queries at once. Symbols
 * are named after the zone ({@code DNSBL_ZEN_SPAMHAUS_ORG}, {@code URIBL_DBL_SPAMHAUS_ORG}) so scores can differ per list.
 */
@ApplicationScoped
public class DnsblCheck implements SpamCheck {

    private final BlocklistLookup lookup;
    private final SymbolScores scores;
    private final SpamFilterConfig.Dnsbl config;

    public DnsblCheck(BlocklistLookup lookup, SymbolScores scores, SpamFilterConfig config) {
        this.lookup = lookup;
        this.scores = scores;
        this.config = config.dnsbl();
    }

    @Override
    public Uni<List<Verdict.Symbol>> check(ScanContext context) {
        List<Uni<Optional<Verdict.Symbol>>> queries = new ArrayList<>();
        String clientIp = context.mail().envelope().clientIp();
        // submitted mail comes from our own user's IP; a client every recipient tenant trusts is not looked up
        boolean trusted = !context.policies().isEmpty()
                && context.policies().stream().allMatch(policy -> policy.trusts(clientIp));
        Optional<String> reversed = context.mail().envelope().direction() == Direction.SUBMISSION || trusted
                ? Optional.empty() : reversedIp(clientIp);
        for (String zone : config.ipZones().orElse(List.of())) {
            reversed.ifPresent(item -> queries.add(symbol(item, zone, "DNSBL_", 3.0, context.mail().envelope().clientIp())));
        }
        Set<String> domains = linkDomains(context.content().uris());
        for (String zone : config.domainZones().orElse(List.of())) {
            for (String domain : domains) {
                queries.add(symbol(domain, zone, "URIBL_", 3.5, domain));
            }
        }
        if (queries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(queries).andFailFast()
                .map(answers -> answers.stream().flatMap(Optional::stream).distinct().toList());
    }

    private Uni<Optional<Verdict.Symbol>> symbol(String item, String zone, String prefix, double score, String subject) {
        String name = prefix + zone.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return lookup.query(item, zone).map(answer -> switch (answer.status()) {
            case LISTED -> Optional.of(scores.symbol(name, score, subject + " listed (" + answer.code() + ")"));
            case TEMPERROR -> Optional.of(scores.symbol(prefix + "TEMPERROR", 0.0, zone + " did not answer"));
            case CLEAN -> Optional.empty();
        });
    }

    /** Organizational domains of the link hosts (what domain lists list), at most {@code maxDomains}. */
    private Set<String> linkDomains(List<String> uris) {
        Set<String> domains = new LinkedHashSet<>();
        for (String uri : uris) {
            if (domains.size() >= config.maxDomains()) {
                break;
            }
            try {
                String host = URI.create(uri).getHost();
                if (host != null && !host.matches("[0-9.]+") && host.contains(".")) {
                    domains.add(OrganizationalDomain.of(host));
                }
            } catch (IllegalArgumentException notAUri) {
                // a malformed link is the rules' business, not a blocklist's
            }
        }
        return domains;
    }

    static Optional<String> reversedIp(String ip) {
        if (ip == null) {
            return Optional.empty();
        }
        InetAddress address;
        try {
            address = com.google.common.net.InetAddresses.forString(ip);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        StringBuilder out = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = 3; i >= 0; i--) {
                out.append(bytes[i] & 0xff).append(i > 0 ? "." : "");
            }
        } else {
            for (int i = bytes.length - 1; i >= 0; i--) {
                out.append(Character.forDigit(bytes[i] & 0x0f, 16)).append('.')
                        .append(Character.forDigit((bytes[i] >> 4) & 0x0f, 16)).append(i > 0 ? "." : "");
            }
        }
        return Optional.of(out.toString());
    }
}
