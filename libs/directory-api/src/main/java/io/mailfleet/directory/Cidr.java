package io.mailfleet.directory;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}); a bare address is its
 * own /32 or /128. Literals are parsed by Netty's {@link NetUtil} (never a DNS lookup) and matched by its
 * {@link IpSubnetFilterRule}; the canonical text is the RFC 5952 form Netty prints.
 */
public final class Cidr {

    private final InetAddress network;
    private final int prefix;
    private final IpSubnetFilterRule rule;

    private Cidr(InetAddress network, int prefix) {
        this.network = network;
        this.prefix = prefix;
        this.rule = new IpSubnetFilterRule(network, prefix, IpFilterRuleType.REJECT);
    }

    /** Why a text is not a CIDR, for the API's error message. */
    public static final class InvalidCidrException extends IllegalArgumentException {
        InvalidCidrException(String message) {
            super(message, null);
        }
    }

    /**
     * Parses {@code address[/prefix]}. Host bits right of the prefix are refused (as PostgreSQL's {@code cidr}
     * and Postfix's cidr tables do): {@code 10.1.2.3/8} is almost always a typo for a single host or for 10.0.0.0/8.
     */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidCidrException("empty");
        }
        String value = text.trim();
        int slash = value.indexOf('/');
        String addressText = slash < 0 ? value : value.substring(0, slash);
        InetAddress address = literal(addressText)
                .orElseThrow(() -> new InvalidCidrException(value + " is not an IPv4 or IPv6 address"));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = value.substring(slash + 1);
            if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > bits) {
                throw new InvalidCidrException(value + ": the prefix length must be 0 to " + bits);
            }
            prefix = Integer.parseInt(prefixText);
        }
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bits; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new InvalidCidrException(value + " has host bits set right of /" + prefix);
            }
        }
        return new Cidr(address, prefix);
    }

    /** The address of a literal IPv4/IPv6 text (IPv4-mapped IPv6 counts as IPv4), never through DNS. */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.indexOf('%') >= 0) {
            return Optional.empty(); // a zone id (fe80::1%eth0) names a local interface, not a network
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(value);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // only for a wrong length, which NetUtil never returns
        }
    }

    /**
     * Whether any of the CIDRs contains the literal address {@code ip}. The lists come over the network or from
     * configuration: an entry that does not parse matches nothing rather than failing the caller's command.
     */
    public static boolean anyContains(List<String> cidrs, String ip) {
        if (cidrs.isEmpty()) {
            return false;
        }
        return literal(ip).map(address -> cidrs.stream().anyMatch(cidr -> parsesAndContains(cidr, address))).orElse(false);
    }

    private static boolean parsesAndContains(String cidr, InetAddress address) {
        try {
            return parse(cidr).contains(address);
        } catch (InvalidCidrException malformed) {
            return false;
        }
    }

    public boolean contains(InetAddress address) {
        return rule.matches(new InetSocketAddress(address, 0));
    }

    @Override
    public String toString() {
        return NetUtil.toAddressString(network) + "/" + prefix;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
