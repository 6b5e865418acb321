package io.mailfleet.smtp.policy;

import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** An IPv4 or IPv6 network in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or one address). */
public record CidrBlock(byte[] network, int prefixLength) {

    private static final Logger LOG = Logger.getLogger(CidrBlock.class);

    /**
     * Whether any of the blocks contains {@code ip}. For lists that come from tenants at run time: an entry
     * that does not parse matches nothing (and is logged) instead of failing the SMTP command.
     */
    public static boolean anyContains(List<String> cidrs, String ip) {
        for (String cidr : cidrs) {
            try {
                if (parse(cidr).contains(ip)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                LOG.debugf("ignoring malformed CIDR %s: %s", cidr, e.getMessage());
            }
        }
        return false;
    }

    public static CidrBlock parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
        int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + cidr);
        }
        return new CidrBlock(address, prefix);
    }

    public boolean contains(String ip) {
        byte[] candidate;
        try {
            candidate = literal(ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xff << (8 - remainingBits);
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** Parses an IP literal without ever doing a DNS lookup. */
    private static byte[] literal(String ip) {
        if (ip.isEmpty() || !(ip.indexOf(':') >= 0 || ip.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("not an IP address: " + ip);
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }
}
