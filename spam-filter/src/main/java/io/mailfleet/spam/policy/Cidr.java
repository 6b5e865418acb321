package io.mailfleet.spam.policy;

import com.google.common.net.InetAddresses;

import java.net.InetAddress;

/** An IPv4 or IPv6 network ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or one address); literals only, never DNS. */
record Cidr(byte[] network, int prefixLength) {

    static Cidr parse(String text) {
        String cidr = text.strip();
        int slash = cidr.indexOf('/');
        byte[] address = InetAddresses.forString(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
        int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + text);
        }
        return new Cidr(address, prefix);
    }

    boolean contains(InetAddress ip) {
        byte[] candidate = ip.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
