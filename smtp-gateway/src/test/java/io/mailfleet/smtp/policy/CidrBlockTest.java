package io.mailfleet.smtp.policy;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrBlockTest {

    @Test
    void ipv4() {
        CidrBlock block = CidrBlock.parse("192.0.2.128/25");
        assertTrue(block.contains("192.0.2.200"));
        assertFalse(block.contains("192.0.2.127"));
        assertTrue(CidrBlock.parse("0.0.0.0/0").contains("203.0.113.9"));
        assertTrue(CidrBlock.parse("198.51.100.7").contains("198.51.100.7"));
        assertFalse(CidrBlock.parse("198.51.100.7").contains("198.51.100.8"));
    }

    @Test
    void ipv6AndMixedFamilies() {
        CidrBlock block = CidrBlock.parse("2001:db8::/32");
        assertTrue(block.contains("2001:db8:1::5"));
        assertFalse(block.contains("2001:db9::1"));
        assertFalse(block.contains("192.0.2.1"));
        assertFalse(CidrBlock.parse("192.0.2.0/24").contains("::1"));
    }

    @Test
    void refusesHostNamesAndBadPrefixes() {
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("mail.example.com/24"));
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("192.0.2.0/33"));
        assertFalse(CidrBlock.parse("192.0.2.0/24").contains("not-an-ip"));
    }

    @Test
    void dnsblNamesReverseOctetsAndNibbles() throws Exception {
        assertEquals("4.3.2.1", DnsblLookup.reverse(InetAddress.getByName("1.2.3.4")));
        assertEquals("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2",
                DnsblLookup.reverse(InetAddress.getByName("2001:db8::1")));
    }
}
