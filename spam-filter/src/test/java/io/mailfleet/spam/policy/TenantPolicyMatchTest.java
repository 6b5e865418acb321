package io.mailfleet.spam.policy;

import io.mailfleet.directory.TenantPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantPolicyMatchTest {

    private static TenantPolicy ipAllow(String... cidrs) {
        return new TenantPolicy("t", List.of(cidrs), null, null, null, null, null);
    }

    @Test
    void sendersMatchByAddressOrByDomainAndItsSubdomains() {
        List<String> entries = List.of("boss@corp.test", "Partner.TEST");
        assertEquals(Optional.of("boss@corp.test"), TenantPolicyMatch.sender(entries, List.of("BOSS@corp.test")));
        assertTrue(TenantPolicyMatch.sender(entries, List.of("x@mail.partner.test")).isPresent());
        assertTrue(TenantPolicyMatch.sender(entries, List.of("x@partner.test")).isPresent());
        assertFalse(TenantPolicyMatch.sender(entries, List.of("x@notpartner.test")).isPresent(), "a suffix is not a sub-domain");
        assertFalse(TenantPolicyMatch.sender(entries, List.of("other@corp.test")).isPresent(), "an address entry is exact");
        assertFalse(TenantPolicyMatch.sender(List.of(" "), List.of("x@y.test")).isPresent());
    }

    @Test
    void ipAllowTakesIpv4AndIpv6NetworksAndIgnoresBrokenEntries() {
        TenantPolicy policy = ipAllow("garbage", "10.0.0.0/33", "192.0.2.0/25", "2001:db8::/32", "198.51.100.7");
        assertTrue(TenantPolicyMatch.ipAllowed(policy, "192.0.2.127"));
        assertFalse(TenantPolicyMatch.ipAllowed(policy, "192.0.2.128"));
        assertTrue(TenantPolicyMatch.ipAllowed(policy, "2001:db8:1::5"));
        assertFalse(TenantPolicyMatch.ipAllowed(policy, "2001:db9::5"));
        assertTrue(TenantPolicyMatch.ipAllowed(policy, "198.51.100.7"));
        assertFalse(TenantPolicyMatch.ipAllowed(policy, "198.51.100.8"));
        assertFalse(TenantPolicyMatch.ipAllowed(policy, "10.0.0.1"), "an invalid prefix length matches nothing");
        assertFalse(TenantPolicyMatch.ipAllowed(policy, "not-an-ip"));
        assertFalse(TenantPolicyMatch.ipAllowed(policy, null));
    }
}
