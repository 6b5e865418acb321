package io.mailfleet.directory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantPolicyTest {

    @Test
    void ipListsTakeIpv4AndIpv6NetworksAndIgnoreBrokenEntries() {
        List<String> cidrs = List.of("garbage", "10.0.0.0/33", "192.0.2.0/25", "2001:db8::/32", "198.51.100.7");
        TenantPolicy policy = new TenantPolicy("t", cidrs, List.of("203.0.113.0/24"), null, null, null, null);
        assertTrue(policy.trusts("192.0.2.127"));
        assertFalse(policy.trusts("192.0.2.128"));
        assertTrue(policy.trusts("2001:db8:1::5"));
        assertFalse(policy.trusts("2001:db9::5"));
        assertTrue(policy.trusts("198.51.100.7"));
        assertFalse(policy.trusts("198.51.100.8"));
        assertFalse(policy.trusts("10.0.0.1"), "an invalid prefix length matches nothing");
        assertFalse(policy.trusts("not-an-ip"));
        assertFalse(policy.trusts(null));
        assertTrue(policy.denies("203.0.113.9"));
        assertFalse(policy.denies("192.0.2.1"));
        assertFalse(TenantPolicy.defaults("t").denies("192.0.2.1"), "no lists, nobody refused");
    }
}
