package io.mailfleet.spam.dmarc;

import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The DNS tree walk of DMARCbis (draft-ietf-dmarc-dmarcbis §4.10), which replaces RFC 7489's Public Suffix List: the
 * {@code _dmarc} records of the domain and of its ancestors, at most 8 lookups — after the domain itself, a name of 8 or more
 * labels jumps to its rightmost 7, then one label goes at a time — stopping early at a record with {@code psd=n}.
 */
final class DmarcTreeWalk {

    /** Labels kept after the first lookup of a long name (§4.10 step 5): 8 lookups at most in all. */
    private static final int MAX_ANCESTOR_LABELS = 7;

    /** A valid DMARC record found on the walk, with its {@code psd=} tag (y: a public suffix domain, n: an organization). */
    record Published(String domain, DmarcRecord record, Psd psd) {
    }

    enum Psd {
        YES, NO, UNSET;

        static Psd of(String text) {
            String value = DmarcRecord.tags(text).get("psd");
            if (value == null) {
                return UNSET;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "y" -> YES;
                case "n" -> NO;
                default -> UNSET; // "u" and anything unknown: no statement
            };
        }
    }

    private final Function<String, Uni<Optional<Published>>> lookup;

    /** @param lookup the single valid DMARC record at {@code _dmarc.<domain>}, if there is exactly one */
    DmarcTreeWalk(Function<String, Uni<Optional<Published>>> lookup) {
        this.lookup = lookup;
    }

    /** The names the walk queries, in order, for a domain (lower case, no trailing dot). */
    static List<String> targets(String domain) {
        List<String> labels = Arrays.asList(domain.split("\\."));
        List<String> targets = new ArrayList<>();
        targets.add(domain);
        for (int kept = Math.min(labels.size() - 1, MAX_ANCESTOR_LABELS); kept >= 1; kept--) {
            targets.add(String.join(".", labels.subList(labels.size() - kept, labels.size())));
        }
        return targets;
    }

    /** The records on the walk from the domain up, nearest first; the walk ends early after a psd=n record. */
    Uni<List<Published>> walk(String domain) {
        return walk(targets(normalize(domain)), 0, new ArrayList<>());
    }

    private Uni<List<Published>> walk(List<String> targets, int next, List<Published> found) {
        if (next == targets.size()) {
            return Uni.createFrom().item(found);
        }
        return lookup.apply(targets.get(next)).flatMap(published -> {
            published.ifPresent(found::add);
            if (published.isPresent() && published.get().psd() == Psd.NO) {
                return Uni.createFrom().item(found);
            }
            return walk(targets, next + 1, found);
        });
    }

    /**
     * §4.10.2: a psd=n record's domain; else the name one label below the nearest psd=y record above the domain; else the
     * domain of the record with the fewest labels; with no record at all, the domain itself.
     */
    static String organizationalDomain(String domain, List<Published> found) {
        String name = normalize(domain);
        for (Published published : found) {
            if (published.psd() == Psd.NO) {
                return published.domain();
            }
        }
        for (Published published : found) {
            if (published.psd() == Psd.YES && !published.domain().equals(name)) {
                return oneLabelBelow(name, published.domain());
            }
        }
        return found.isEmpty() ? name : found.get(found.size() - 1).domain();
    }

    /** Relaxed alignment under DMARCbis: both names walk to the same organizational domain. */
    Uni<String> organizationalDomain(String domain) {
        return walk(domain).map(found -> organizationalDomain(domain, found));
    }

    private static String oneLabelBelow(String name, String suffix) {
        String below = name.substring(0, name.length() - suffix.length() - 1);
        return below.substring(below.lastIndexOf('.') + 1) + "." + suffix;
    }

    static String normalize(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
