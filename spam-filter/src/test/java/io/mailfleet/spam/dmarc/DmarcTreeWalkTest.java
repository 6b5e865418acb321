package io.mailfleet.spam.dmarc;

import io.mailfleet.dns.DnsServers;
import io.mailfleet.spam.dkim.DkimResult;
import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.TestDnsServer;
import io.mailfleet.spam.spf.SpfOutcome;
import io.mailfleet.spam.spf.SpfResult;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DMARCbis tree walk against a real DNS server on loopback, where it differs from RFC 7489 + PSL: a policy between the
 * From domain and the PSL's organizational domain, psd=y and psd=n, and the 8-lookup bound on long names.
 */
class DmarcTreeWalkTest {

    private static TestDnsServer dns;

    @BeforeAll
    static void zone() throws Exception {
        dns = new TestDnsServer();
        // a public suffix operator (PSD DMARC) above agencies that publish their own policies
        txt("_dmarc.gov.test.", "v=DMARC1; p=none; psd=y");
        txt("_dmarc.agency.gov.test.", "v=DMARC1; p=reject");
        // an organization that says it is one: the walk must not go above it (its parent's lookup would time out)
        txt("_dmarc.corp.walk.", "v=DMARC1; p=quarantine; psd=n");
        dns.timeout(Name.fromString("_dmarc.walk."));
        // a long name: after the first lookup the walk jumps to the rightmost 7 labels, never asking the names between
        txt("_dmarc.l4.l5.l6.l7.l8.deep.example.", "v=DMARC1; p=reject");
        dns.timeout(Name.fromString("_dmarc.l2.l3.l4.l5.l6.l7.l8.deep.example."));
        dns.timeout(Name.fromString("_dmarc.l3.l4.l5.l6.l7.l8.deep.example."));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private static void txt(String name, String text) throws Exception {
        dns.add(new TXTRecord(Name.fromString(name), DClass.IN, 300, text));
    }

    private static DmarcResult evaluate(DmarcDiscoveryConfig.Discovery discovery, String from, SpfOutcome spf, DkimResult... dkim) {
        return new DmarcEvaluator(new DnsLookup(DnsServers.resolver(List.of(dns.address()), Duration.ofMillis(300))), discovery, () -> 0)
                .evaluate(from, spf, List.of(dkim)).await().atMost(Duration.ofSeconds(10));
    }

    private static SpfOutcome spf(SpfResult result, String domain) {
        return new SpfOutcome(result, domain, null, "test");
    }

    private static DkimResult dkim(String domain) {
        return new DkimResult(DkimResult.Status.PASS, domain, "@" + domain, "s", "rsa-sha256", 2048, null);
    }

    @Test
    void targetsAreTheDomainThenAtMostSevenLabelsDownToOne() {
        assertEquals(List.of("mail.example.com", "example.com", "com"), DmarcTreeWalk.targets("mail.example.com"));
        List<String> long_ = DmarcTreeWalk.targets("a.b.c.d.e.f.g.h.i.example");
        assertEquals(8, long_.size());
        assertEquals("a.b.c.d.e.f.g.h.i.example", long_.get(0));
        assertEquals("d.e.f.g.h.i.example", long_.get(1));
        assertEquals("example", long_.get(7));
    }

    @Test
    void organizationalDomainRules() {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1; p=none").orElseThrow();
        var psdNo = new DmarcTreeWalk.Published("corp.walk", record, DmarcTreeWalk.Psd.NO);
        var psdYes = new DmarcTreeWalk.Published("gov.test", record, DmarcTreeWalk.Psd.YES);
        var plain = new DmarcTreeWalk.Published("agency.gov.test", record, DmarcTreeWalk.Psd.UNSET);
        assertEquals("corp.walk", DmarcTreeWalk.organizationalDomain("a.b.corp.walk", List.of(psdNo)));
        assertEquals("agency.gov.test", DmarcTreeWalk.organizationalDomain("x.y.agency.gov.test", List.of(psdYes)));
        assertEquals("gov.test", DmarcTreeWalk.organizationalDomain("gov.test", List.of(psdYes)), "psd=y where the walk starts");
        assertEquals("gov.test", DmarcTreeWalk.organizationalDomain("x.agency.gov.test",
                List.of(plain, new DmarcTreeWalk.Published("gov.test", record, DmarcTreeWalk.Psd.UNSET))), "fewest labels");
        assertEquals("nothing.test", DmarcTreeWalk.organizationalDomain("Nothing.Test.", List.of()));
        assertEquals(DmarcTreeWalk.Psd.YES, DmarcTreeWalk.Psd.of("v=DMARC1; p=none; PSD=Y"));
        assertEquals(DmarcTreeWalk.Psd.UNSET, DmarcTreeWalk.Psd.of("v=DMARC1; p=none; psd=u"));
    }

    @Test
    void policyBetweenTheFromDomainAndThePslOrganizationalDomain() {
        // the PSL knows nothing of gov.test (implicit * rule: it is the organizational domain) and finds the PSD's p=none
        DmarcResult psl = evaluate(DmarcDiscoveryConfig.Discovery.PSL, "x.agency.gov.test", spf(SpfResult.FAIL, "x.agency.gov.test"));
        assertEquals("gov.test", psl.policyDomain());
        assertEquals(DmarcRecord.Policy.NONE, psl.disposition());
        // the walk finds the agency's own p=reject first
        DmarcResult walk = evaluate(DmarcDiscoveryConfig.Discovery.TREE_WALK, "x.agency.gov.test", spf(SpfResult.FAIL, "x.agency.gov.test"));
        assertEquals(DmarcResult.Status.FAIL, walk.status());
        assertEquals("agency.gov.test", walk.policyDomain());
        assertEquals(DmarcRecord.Policy.REJECT, walk.disposition());
    }

    @Test
    void psdYesSeparatesOrganizationsForRelaxedAlignment() {
        // another agency under the same PSD: one organization to the PSL, two to the tree walk
        DmarcResult psl = evaluate(DmarcDiscoveryConfig.Discovery.PSL, "x.agency.gov.test", spf(SpfResult.NONE, null), dkim("other.gov.test"));
        assertTrue(psl.dkimAligned());
        DmarcResult walk = evaluate(DmarcDiscoveryConfig.Discovery.TREE_WALK, "x.agency.gov.test", spf(SpfResult.PASS, "other.gov.test"),
                dkim("other.gov.test"));
        assertFalse(walk.dkimAligned());
        assertFalse(walk.spfAligned());
        assertEquals(DmarcResult.Status.FAIL, walk.status());
        // the agency's own subdomains still align
        DmarcResult own = evaluate(DmarcDiscoveryConfig.Discovery.TREE_WALK, "x.agency.gov.test", spf(SpfResult.PASS, "bounce.agency.gov.test"),
                dkim("mail.agency.gov.test"));
        assertEquals(DmarcResult.Status.PASS, own.status());
        assertTrue(own.spfAligned());
        assertTrue(own.dkimAligned());
    }

    @Test
    void psdNoEndsTheWalk() {
        DmarcResult walk = evaluate(DmarcDiscoveryConfig.Discovery.TREE_WALK, "a.b.corp.walk", spf(SpfResult.PASS, "mail.corp.walk"));
        assertEquals(DmarcResult.Status.PASS, walk.status(), "relaxed alignment within corp.walk, and _dmarc.walk never asked: " + walk);
        assertEquals("corp.walk", walk.policyDomain());
        DmarcResult failing = evaluate(DmarcDiscoveryConfig.Discovery.TREE_WALK, "a.b.corp.walk", spf(SpfResult.FAIL, "a.b.corp.walk"));
        assertEquals(DmarcRecord.Policy.QUARANTINE, failing.disposition());
    }

    @Test
    void longNamesJumpToSevenLabels() {
        DmarcResult walk = evaluate(DmarcDiscoveryConfig.Discovery.TREE_WALK, "l1.l2.l3.l4.l5.l6.l7.l8.deep.example",
                spf(SpfResult.FAIL, "l1.l2.l3.l4.l5.l6.l7.l8.deep.example"));
        assertEquals(DmarcResult.Status.FAIL, walk.status(), walk.toString());
        assertEquals("l4.l5.l6.l7.l8.deep.example", walk.policyDomain());
        assertEquals(DmarcRecord.Policy.REJECT, walk.disposition());
    }

    @Test
    void deadDnsOnTheWalkIsTemperror() {
        // without psd=n the walk reaches _dmarc.walk, which does not answer
        assertEquals(DmarcResult.Status.TEMPERROR,
                evaluate(DmarcDiscoveryConfig.Discovery.TREE_WALK, "shop.walk", spf(SpfResult.PASS, "shop.walk")).status());
    }

    @Test
    void pslIsTheDefault() {
        DmarcDiscoveryConfig config = new SmallRyeConfigBuilder().withMapping(DmarcDiscoveryConfig.class).build()
                .getConfigMapping(DmarcDiscoveryConfig.class);
        assertEquals(DmarcDiscoveryConfig.Discovery.PSL, config.discovery());
    }
}
