package io.mailfleet.spam.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantPolicyMatchTest {

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
}
