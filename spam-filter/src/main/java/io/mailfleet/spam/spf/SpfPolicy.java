package io.mailfleet.spam.spf;

import com.google.common.net.InetAddresses;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SPF record parsed completely before evaluation (RFC 7208 §4.6): a syntax error anywhere makes the whole record a
 * {@code permerror}, even after a mechanism that would have matched.
 */
record SpfPolicy(List<Directive> directives, Optional<MacroString> redirect, Optional<MacroString> explanation) {

    static final String VERSION = "v=spf1";

    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)");
    private static final Pattern MECHANISM = Pattern.compile("([+\\-~?]?)([A-Za-z][A-Za-z0-9_.-]*)(.*)");
    /** [":" domain-spec] [ip4-cidr] ["//" ip6-cidr]; the domain-spec is lazy so the CIDR suffixes bind to the end. */
    private static final Pattern DOMAIN_AND_CIDRS = Pattern.compile("(?::(.*?))?(?:/([0-9]*))?(?://([0-9]*))?");
    private static final Pattern IP_AND_CIDR = Pattern.compile(":([^/]*)(?:/([0-9]*))?");

    enum Qualifier {
        PASS('+', SpfResult.PASS), FAIL('-', SpfResult.FAIL), SOFTFAIL('~', SpfResult.SOFTFAIL), NEUTRAL('?', SpfResult.NEUTRAL);

        final char symbol;
        final SpfResult result;

        Qualifier(char symbol, SpfResult result) {
            this.symbol = symbol;
            this.result = result;
        }

        static Qualifier of(String symbol) {
            for (Qualifier q : values()) {
                if (symbol.equals(String.valueOf(q.symbol))) {
                    return q;
                }
            }
            return PASS;
        }
    }

    record Directive(Qualifier qualifier, Mechanism mechanism, String text) {
    }

    sealed interface Mechanism {
        /** Mechanisms that cost a DNS lookup count against the limit of 10 (§4.6.4). */
        default boolean countsLookup() {
            return true;
        }
    }

    record All() implements Mechanism {
        public boolean countsLookup() {
            return false;
        }
    }

    record Include(MacroString domain) implements Mechanism {
    }

    /** {@code a} and {@code mx}; a null domain means the current domain. */
    record Address(boolean mx, MacroString domain, int prefix4, int prefix6) implements Mechanism {
    }

    record Ptr(MacroString domain) implements Mechanism {
    }

    record Network(InetAddress address, int prefix) implements Mechanism {
        public boolean countsLookup() {
            return false;
        }
    }

    record Exists(MacroString domain) implements Mechanism {
    }

    boolean hasAll() {
        return directives.stream().anyMatch(d -> d.mechanism() instanceof All);
    }

    static SpfPolicy parse(String record) {
        if (!isSpfRecord(record)) {
            throw SpfException.permanent("not an SPF record: " + record);
        }
        List<Directive> directives = new ArrayList<>();
        MacroString redirect = null;
        MacroString explanation = null;
        for (String term : record.substring(VERSION.length()).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher modifier = MODIFIER.matcher(term);
            if (modifier.matches()) {
                String name = modifier.group(1).toLowerCase(Locale.ROOT);
                String value = modifier.group(2);
                switch (name) {
                    case "redirect" -> {
                        if (redirect != null) {
                            throw SpfException.permanent("more than one redirect modifier");
                        }
                        redirect = MacroString.domainSpec(value);
                    }
                    case "exp" -> {
                        if (explanation != null) {
                            throw SpfException.permanent("more than one exp modifier");
                        }
                        explanation = MacroString.domainSpec(value);
                    }
                    default -> MacroString.modifierValue(value);
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfPolicy(List.copyOf(directives), Optional.ofNullable(redirect), Optional.ofNullable(explanation));
    }

    /** §4.5: "v=spf1" exactly, followed by a space or nothing; case-insensitive. */
    static boolean isSpfRecord(String text) {
        return text.regionMatches(true, 0, VERSION, 0, VERSION.length())
                && (text.length() == VERSION.length() || text.charAt(VERSION.length()) == ' ');
    }

    private static Directive directive(String term) {
        Matcher m = MECHANISM.matcher(term);
        if (!m.matches()) {
            throw SpfException.permanent("invalid term '" + term + "'");
        }
        Qualifier qualifier = Qualifier.of(m.group(1));
        String name = m.group(2).toLowerCase(Locale.ROOT);
        String rest = m.group(3);
        Mechanism mechanism = switch (name) {
            case "all" -> {
                requireEmpty(rest, term);
                yield new All();
            }
            case "include" -> new Include(MacroString.domainSpec(requireArgument(rest, term)));
            case "exists" -> new Exists(MacroString.domainSpec(requireArgument(rest, term)));
            case "ptr" -> new Ptr(rest.isEmpty() ? null : MacroString.domainSpec(requireArgument(rest, term)));
            case "a", "mx" -> address(name.equals("mx"), rest, term);
            case "ip4", "ip6" -> network(name.equals("ip6"), rest, term);
            default -> throw SpfException.permanent("unknown mechanism '" + term + "'");
        };
        return new Directive(qualifier, mechanism, term);
    }

    private static void requireEmpty(String rest, String term) {
        if (!rest.isEmpty()) {
            throw SpfException.permanent("unexpected argument in '" + term + "'");
        }
    }

    private static String requireArgument(String rest, String term) {
        if (!rest.startsWith(":") || rest.length() == 1) {
            throw SpfException.permanent("missing domain in '" + term + "'");
        }
        return rest.substring(1);
    }

    private static Address address(boolean mx, String rest, String term) {
        Matcher m = DOMAIN_AND_CIDRS.matcher(rest);
        if (!m.matches()) {
            throw SpfException.permanent("invalid '" + term + "'");
        }
        MacroString domain = null;
        if (m.group(1) != null) {
            domain = MacroString.domainSpec(m.group(1));
        }
        int prefix4 = m.group(2) == null ? 32 : cidr(m.group(2), 32, term);
        int prefix6 = m.group(3) == null ? 128 : cidr(m.group(3), 128, term);
        return new Address(mx, domain, prefix4, prefix6);
    }

    private static Network network(boolean six, String rest, String term) {
        Matcher m = IP_AND_CIDR.matcher(rest);
        if (!m.matches()) {
            throw SpfException.permanent("invalid '" + term + "'");
        }
        InetAddress address;
        try {
            address = InetAddresses.forString(m.group(1));
        } catch (IllegalArgumentException e) {
            throw SpfException.permanent("invalid address in '" + term + "'");
        }
        // an IPv4 literal is not an ip6-network; ::ffff:a.b.c.d is, and the JDK folds it to the IPv4 address it maps
        if (six ? !m.group(1).contains(":") : !(address instanceof Inet4Address) || m.group(1).contains(":")) {
            throw SpfException.permanent("wrong address family in '" + term + "'");
        }
        int prefix = m.group(2) == null ? (six ? 128 : 32) : cidr(m.group(2), six ? 128 : 32, term);
        return new Network(address, prefix);
    }

    private static int cidr(String digits, int max, String term) {
        if (digits.isEmpty() || (digits.length() > 1 && digits.charAt(0) == '0') || digits.length() > 3
                || Integer.parseInt(digits) > max) {
            throw SpfException.permanent("invalid CIDR length in '" + term + "'");
        }
        return Integer.parseInt(digits);
    }
}
