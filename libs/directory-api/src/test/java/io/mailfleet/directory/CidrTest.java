package io.mailfleet.directory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    @Test
    void canonicalFormsOfIpv4AndIpv6() {
        assertEquals("192.0.2.0/24", Cidr.parse(" 192.0.2.0/24 ").toString());
        assertEquals("198.51.100.7/32", Cidr.parse("198.51.100.7").toString());
        assertEquals("0.0.0.0/0", Cidr.parse("0.0.0.0/0").toString());
        assertEquals("2001:db8::/32", Cidr.parse("2001:DB8:0:0::/32").toString());
        assertEquals("2001:db8::1/128", Cidr.parse("2001:0db8::0001").toString());
        assertEquals("192.0.2.1/32", Cidr.parse("::ffff:192.0.2.1").toString(), "IPv4-mapped IPv6 is IPv4");
    }

    @Test
    void refusesWhatIsNoCidr() {
        for (String bad : new String[]{"", "300.1.1.1", "10.1.2.3/8", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8/8",
                "2001:db8::/129", "2001:db8::1/64", "localhost", "example.com", "1.2.3", "10.0.0.0/08x", "fe80::1%eth0"}) {
            assertThrows(Cidr.InvalidCidrException.class, () -> Cidr.parse(bad), bad);
        }
    }

    @Test
    void matchesAddressesOfItsOwnFamily() {
        assertTrue(Cidr.anyContains(java.util.List.of("192.0.2.0/24"), "192.0.2.200"));
        assertFalse(Cidr.anyContains(java.util.List.of("192.0.2.0/24"), "192.0.3.1"));
        assertTrue(Cidr.anyContains(java.util.List.of("192.0.2.0/24"), "::ffff:192.0.2.9"));
        assertTrue(Cidr.anyContains(java.util.List.of("10.0.0.0/8", "2001:db8::/32"), "2001:db8:ffff::1"));
        assertFalse(Cidr.anyContains(java.util.List.of("2001:db8::/32"), "2001:db9::1"));
        assertTrue(Cidr.anyContains(java.util.List.of("0.0.0.0/0"), "203.0.113.5"));
        assertFalse(Cidr.anyContains(java.util.List.of("0.0.0.0/0"), "2001:db8::1"), "an IPv4 network holds no IPv6 address");
        assertFalse(Cidr.anyContains(java.util.List.of("192.0.2.0/24"), "not-an-ip"));
        assertFalse(Cidr.anyContains(java.util.List.of("192.0.2.0/24"), null));
        assertTrue(Cidr.anyContains(java.util.List.of("not a network", "192.0.2.0/24"), "192.0.2.1"), "a malformed entry matches nothing");
    }
}
