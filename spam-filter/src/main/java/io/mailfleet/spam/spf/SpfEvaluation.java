package io.mailfleet.spam.spf;

import com.google.common.net.InetAddresses;
import io.mailfleet.spam.dns.DnsAnswer;
import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.DnsTemporaryException;
import io.smallrye.mutiny.Uni;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One check_host() run with its own counters: the 10 DNS-mechanism limit and the 2 void-lookup limit apply to the whole
 * evaluation including includes and redirects (§4.6.4).
 */
final class SpfEvaluation {

    static final int LOOKUP_LIMIT = 10;
    static final int VOID_LOOKUP_LIMIT = 2;
    static final int MX_LIMIT = 10;
    static final int PTR_LIMIT = 10;

    private final DnsLookup dns;
    private final InetAddress client;
    private final String sender;
    private final String localPart;
    private final String senderDomain;
    private final String helo;
    private final String receiver;
    private int lookups;
    private int voidLookups;

    SpfEvaluation(DnsLookup dns, InetAddress client, String sender, String helo, String receiver) {
        this.dns = dns;
        this.client = client;
        int at = sender.lastIndexOf('@');
        String local = at < 0 ? "" : sender.substring(0, at);
        this.localPart = local.isEmpty() ? "postmaster" : local;
        this.senderDomain = at < 0 ? sender : sender.substring(at + 1);
        this.sender = localPart + "@" + senderDomain;
        this.helo = helo == null ? "" : helo;
        this.receiver = receiver;
    }

    Uni<SpfOutcome> run() {
        if (!isValidDomain(senderDomain)) {
            return Uni.createFrom().item(SpfOutcome.of(SpfResult.NONE, senderDomain, "not a valid domain name"));
        }
        return Uni.createFrom().deferred(() -> checkHost(senderDomain))
                .onFailure(SpfException.class)
                .recoverWithItem(e -> SpfOutcome.of(((SpfException) e).result(), senderDomain, e.getMessage()));
    }

    /** §4.3: a multi-label name, labels of 1–63 octets, 253 in all; no address literal. */
    static boolean isValidDomain(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty() || d.length() > 253 || d.startsWith("[")) {
            return false;
        }
        String[] labels = d.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    private Uni<SpfOutcome> checkHost(String domain) {
        return fetchPolicy(name(domain)).flatMap(policy -> policy.isEmpty()
                ? Uni.createFrom().item(SpfOutcome.of(SpfResult.NONE, domain, "no SPF record"))
                : evaluate(policy.get(), domain));
    }

    /** §4.5: exactly one TXT record starting "v=spf1"; none → none; two → permerror; only 7-bit ASCII. */
    private Uni<Optional<SpfPolicy>> fetchPolicy(Name domain) {
        return query(domain, Type.TXT).map(answer -> {
            List<String> records = new ArrayList<>();
            for (TXTRecord txt : answer.recordsOf(TXTRecord.class)) {
                StringBuilder joined = new StringBuilder();
                txt.getStringsAsByteArrays().forEach(bytes -> joined.append(new String(bytes, StandardCharsets.ISO_8859_1)));
                if (SpfPolicy.isSpfRecord(joined.toString())) {
                    records.add(joined.toString());
                }
            }
            if (records.size() > 1) {
                throw SpfException.permanent("more than one SPF record for " + domain);
            }
            if (records.isEmpty()) {
                return Optional.empty();
            }
            String record = records.get(0);
            if (!record.chars().allMatch(c -> c < 0x80)) {
                throw SpfException.permanent("SPF record of " + domain + " is not 7-bit ASCII");
            }
            return Optional.of(SpfPolicy.parse(record));
        });
    }

    private Uni<SpfOutcome> evaluate(SpfPolicy policy, String domain) {
        return firstMatch(policy.directives(), 0, domain).flatMap(directive -> {
            if (directive != null) {
                SpfOutcome outcome = SpfOutcome.of(directive.qualifier().result, domain, "matched " + directive.text());
                return outcome.result() == SpfResult.FAIL ? explain(policy, domain, outcome) : Uni.createFrom().item(outcome);
            }
            if (policy.redirect().isPresent() && !policy.hasAll()) {
                countLookup();
                return target(policy.redirect().get(), domain).flatMap(target -> checkHost(target.toString(true)))
                        .map(redirected -> {
                            if (redirected.result() == SpfResult.NONE) {
                                throw SpfException.permanent("redirect target " + redirected.domain() + " has no SPF record");
                            }
                            return redirected;
                        });
            }
            return Uni.createFrom().item(SpfOutcome.of(SpfResult.NEUTRAL, domain, "no mechanism matched"));
        });
    }

    private Uni<SpfPolicy.Directive> firstMatch(List<SpfPolicy.Directive> directives, int index, String domain) {
        if (index == directives.size()) {
            return Uni.createFrom().nullItem();
        }
        SpfPolicy.Directive directive = directives.get(index);
        if (directive.mechanism().countsLookup()) {
            countLookup();
        }
        return matches(directive.mechanism(), domain)
                .flatMap(matched -> matched ? Uni.createFrom().item(directive) : firstMatch(directives, index + 1, domain));
    }

    private Uni<Boolean> matches(SpfPolicy.Mechanism mechanism, String domain) {
        if (mechanism instanceof SpfPolicy.All) {
            return Uni.createFrom().item(true);
        }
        if (mechanism instanceof SpfPolicy.Network network) {
            return Uni.createFrom().item(inNetwork(network.address(), network.prefix()));
        }
        if (mechanism instanceof SpfPolicy.Include include) {
            return target(include.domain(), domain).flatMap(target -> checkHost(target.toString(true))).map(inner -> switch (inner.result()) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> false;
                case TEMPERROR -> throw SpfException.temporary("include " + inner.domain() + ": " + inner.reason());
                case PERMERROR, NONE -> throw SpfException.permanent("include " + inner.domain() + ": " + inner.reason());
            });
        }
        if (mechanism instanceof SpfPolicy.Exists exists) {
            return target(exists.domain(), domain).flatMap(target -> query(target, Type.A)).map(answer -> !countVoid(answer).isVoid());
        }
        if (mechanism instanceof SpfPolicy.Address address) {
            return target(address.domain(), domain).flatMap(target -> address.mx()
                    ? mxMatches(target, address)
                    : addressQuery(target).map(answer -> hostMatches(countVoid(answer), address)));
        }
        if (mechanism instanceof SpfPolicy.Ptr ptr) {
            return target(ptr.domain(), domain).flatMap(target -> validatedNames(target)
                    .map(names -> names.stream().anyMatch(n -> n.subdomain(target))));
        }
        throw new IllegalStateException("unhandled mechanism " + mechanism);
    }

    private Uni<Boolean> mxMatches(Name target, SpfPolicy.Address address) {
        return query(target, Type.MX).flatMap(answer -> {
            List<MXRecord> exchanges = countVoid(answer).recordsOf(MXRecord.class);
            if (exchanges.size() > MX_LIMIT) {
                throw SpfException.permanent("more than " + MX_LIMIT + " MX records for " + target);
            }
            return anyHostMatches(exchanges.stream().map(MXRecord::getTarget).toList(), 0, address);
        });
    }

    private Uni<Boolean> anyHostMatches(List<Name> hosts, int index, SpfPolicy.Address address) {
        if (index == hosts.size()) {
            return Uni.createFrom().item(false);
        }
        return addressQuery(hosts.get(index)).flatMap(answer -> hostMatches(answer, address)
                ? Uni.createFrom().item(true)
                : anyHostMatches(hosts, index + 1, address));
    }

    private boolean hostMatches(DnsAnswer answer, SpfPolicy.Address address) {
        int prefix = client instanceof Inet4Address ? address.prefix4() : address.prefix6();
        return addresses(answer).stream().anyMatch(a -> sameNetwork(a, client, prefix));
    }

    private boolean inNetwork(InetAddress network, int prefix) {
        return sameNetwork(network, client, prefix);
    }

    static boolean sameNetwork(InetAddress a, InetAddress b, int prefix) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private Uni<DnsAnswer> addressQuery(Name host) {
        return query(host, client instanceof Inet4Address ? Type.A : Type.AAAA);
    }

    private static List<InetAddress> addresses(DnsAnswer answer) {
        List<InetAddress> out = new ArrayList<>();
        answer.recordsOf(ARecord.class).forEach(r -> out.add(r.getAddress()));
        answer.recordsOf(AAAARecord.class).forEach(r -> out.add(r.getAddress()));
        return out;
    }

    /**
     * §5.5: the client's PTR names (at most 10) whose forward lookup returns the client address, those under {@code target}
     * first. A DNS error on the PTR query means no names; errors on the forward lookups skip that name.
     */
    private Uni<List<Name>> validatedNames(Name target) {
        return query(ReverseMap.fromAddress(client), Type.PTR)
                .map(answer -> answer.recordsOf(PTRRecord.class).stream().map(PTRRecord::getTarget).limit(PTR_LIMIT).toList())
                .onFailure(SpfException.class).recoverWithItem(List.of())
                .flatMap(names -> validate(names, 0, new ArrayList<>()))
                .map(valid -> {
                    List<Name> ordered = new ArrayList<>(valid.stream().filter(n -> n.subdomain(target)).toList());
                    valid.stream().filter(n -> !n.subdomain(target)).forEach(ordered::add);
                    return ordered;
                });
    }

    private Uni<List<Name>> validate(List<Name> names, int index, List<Name> valid) {
        if (index == names.size()) {
            return Uni.createFrom().item(valid);
        }
        Name name = names.get(index);
        return addressQuery(name)
                .map(answer -> addresses(answer).stream().anyMatch(client::equals))
                .onFailure(SpfException.class).recoverWithItem(false)
                .flatMap(ok -> {
                    if (ok) {
                        valid.add(name);
                    }
                    return validate(names, index + 1, valid);
                });
    }

    /** §6.2: the exp= text for a fail; any problem with it silently means no explanation. */
    private Uni<SpfOutcome> explain(SpfPolicy policy, String domain, SpfOutcome outcome) {
        if (policy.explanation().isEmpty()) {
            return Uni.createFrom().item(outcome);
        }
        return target(policy.explanation().get(), domain)
                .flatMap(name -> query(name, Type.TXT))
                .flatMap(answer -> {
                    List<TXTRecord> texts = answer.recordsOf(TXTRecord.class);
                    if (texts.size() != 1) {
                        return Uni.createFrom().item(outcome);
                    }
                    StringBuilder joined = new StringBuilder();
                    texts.get(0).getStringsAsByteArrays().forEach(b -> joined.append(new String(b, StandardCharsets.ISO_8859_1)));
                    String text = joined.toString();
                    MacroString explanation = MacroString.explanation(text);
                    return expand(explanation, domain).map(outcome::withExplanation);
                })
                .onFailure(SpfException.class).recoverWithItem(outcome);
    }

    /** Expands a domain-spec (or takes the current domain) into the name to query; §7.3 long names lose labels on the left. */
    private Uni<Name> target(MacroString spec, String domain) {
        if (spec == null) {
            return Uni.createFrom().item(name(domain));
        }
        return expand(spec, domain).map(expanded -> {
            String text = expanded.endsWith(".") ? expanded.substring(0, expanded.length() - 1) : expanded;
            while (text.length() > 253 && text.indexOf('.') >= 0) {
                text = text.substring(text.indexOf('.') + 1);
            }
            return name(text);
        });
    }

    private Uni<String> expand(MacroString spec, String domain) {
        Uni<String> validated = spec.uses('p')
                ? validatedNames(name(domain)).map(names -> names.isEmpty() ? "unknown" : names.get(0).toString(true))
                : Uni.createFrom().item("unknown");
        return validated.map(p -> spec.expand(macroValues(domain, p)));
    }

    private Function<Character, String> macroValues(String domain, String validatedName) {
        return letter -> switch (letter) {
            case 's' -> sender;
            case 'l' -> localPart;
            case 'o' -> senderDomain;
            case 'd' -> domain;
            case 'i' -> client instanceof Inet4Address ? client.getHostAddress() : nibbles(client);
            case 'p' -> validatedName;
            case 'v' -> client instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> helo;
            case 'c' -> InetAddresses.toAddrString(client);
            case 'r' -> receiver;
            case 't' -> Long.toString(System.currentTimeMillis() / 1000);
            default -> throw SpfException.permanent("unknown macro letter " + letter);
        };
    }

    /** §7.3: an IPv6 address as 32 dot-separated nibbles. */
    private static String nibbles(InetAddress address) {
        StringBuilder out = new StringBuilder();
        for (byte b : address.getAddress()) {
            out.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16))).append('.')
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16))).append('.');
        }
        return out.substring(0, out.length() - 1);
    }

    private void countLookup() {
        if (++lookups > LOOKUP_LIMIT) {
            throw SpfException.permanent("more than " + LOOKUP_LIMIT + " DNS-querying terms");
        }
    }

    private DnsAnswer countVoid(DnsAnswer answer) {
        if (answer.isVoid() && ++voidLookups > VOID_LOOKUP_LIMIT) {
            throw SpfException.permanent("more than " + VOID_LOOKUP_LIMIT + " void lookups");
        }
        return answer;
    }

    private Uni<DnsAnswer> query(Name name, int type) {
        return dns.query(name, type).onFailure(DnsTemporaryException.class)
                .transform(e -> SpfException.temporary(e.getMessage()));
    }

    private static Name name(String domain) {
        String text = domain.endsWith(".") ? domain : domain + ".";
        try {
            return Name.fromString(text.toLowerCase(Locale.ROOT));
        } catch (TextParseException e) {
            throw SpfException.permanent("'" + domain + "' is not a valid domain name");
        }
    }
}
