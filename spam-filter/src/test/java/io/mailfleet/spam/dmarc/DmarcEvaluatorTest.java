package io.mailfleet.spam.dmarc;

import io.mailfleet.dns.DnsServers;
import io.mailfleet.spam.dkim.DkimResult;
import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.TestDnsServer;
import io.mailfleet.spam.spf.SpfOutcome;
import io.mailfleet.spam.spf.SpfResult;
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

/** DMARC policy discovery, alignment and p/sp/pct against a real DNS server on loopback. */
class DmarcEvaluatorTest {

    private static TestDnsServer dns;

    @BeforeAll
    static void zone() throws Exception {
        dns = new TestDnsServer();
        txt("_dmarc.bank.co.uk.", "v=DMARC1; p=reject; sp=quarantine; adkim=s; rua=mailto:agg@bank.co.uk");
        txt("_dmarc.shop.example.", "v=DMARC1; p=quarantine; pct=50");
        txt("_dmarc.news.example.", "v=DMARC1; p=none; aspf=s");
        txt("_dmarc.twice.example.", "v=DMARC1; p=reject");
        txt("_dmarc.twice.example.", "v=DMARC1; p=none");
        txt("_dmarc.junk.example.", "v=spf1 -all");
        dns.timeout(Name.fromString("_dmarc.slow.example."));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private static void txt(String name, String text) throws Exception {
        dns.add(new TXTRecord(Name.fromString(name), DClass.IN, 300, text));
    }

    private static DmarcEvaluator evaluator(int percentile) {
        return new DmarcEvaluator(new DnsLookup(DnsServers.resolver(List.of(dns.address()), Duration.ofMillis(300))),
                DmarcDiscoveryConfig.Discovery.PSL, () -> percentile);
    }

    private static DmarcResult evaluate(int percentile, String from, SpfOutcome spf, DkimResult... dkim) {
        return evaluator(percentile).evaluate(from, spf, List.of(dkim)).await().atMost(Duration.ofSeconds(10));
    }

    private static SpfOutcome spf(SpfResult result, String domain) {
        return new SpfOutcome(result, domain, null, "test");
    }

    private static DkimResult dkim(DkimResult.Status status, String domain) {
        return new DkimResult(status, domain, "@" + domain, "s", "rsa-sha256", 2048, null);
    }

    @Test
    void organizationalDomainComesFromThePublicSuffixList() {
        assertEquals("bank.co.uk", OrganizationalDomain.of("mail.eu.bank.co.uk"));
        assertEquals("example.com", OrganizationalDomain.of("a.b.example.com"));
        assertEquals("user.github.io", OrganizationalDomain.of("x.user.github.io"), "private PSL section");
        assertEquals("shop.example", OrganizationalDomain.of("deep.shop.example"), "implicit * rule for unknown TLDs");
    }

    @Test
    void relaxedSpfAlignmentPassesAcrossSubdomains() {
        DmarcResult result = evaluate(0, "bank.co.uk", spf(SpfResult.PASS, "bounces.bank.co.uk"));
        assertEquals(DmarcResult.Status.PASS, result.status());
        assertTrue(result.spfAligned());
    }

    @Test
    void strictDkimAlignmentNeedsTheExactDomain() {
        DmarcResult relaxedOnly = evaluate(0, "bank.co.uk", spf(SpfResult.FAIL, "bank.co.uk"), dkim(DkimResult.Status.PASS, "mail.bank.co.uk"));
        assertEquals(DmarcResult.Status.FAIL, relaxedOnly.status());
        assertEquals(DmarcRecord.Policy.REJECT, relaxedOnly.disposition());
        DmarcResult exact = evaluate(0, "bank.co.uk", spf(SpfResult.FAIL, "bank.co.uk"), dkim(DkimResult.Status.PASS, "bank.co.uk"));
        assertEquals(DmarcResult.Status.PASS, exact.status());
        assertTrue(exact.dkimAligned());
    }

    @Test
    void failingDkimOrForeignDomainDoesNotAlign() {
        DmarcResult result = evaluate(0, "bank.co.uk", spf(SpfResult.PASS, "evil.example"), dkim(DkimResult.Status.FAIL, "bank.co.uk"),
                dkim(DkimResult.Status.PASS, "evil.example"));
        assertEquals(DmarcResult.Status.FAIL, result.status());
        assertFalse(result.spfAligned());
        assertFalse(result.dkimAligned());
    }

    @Test
    void subdomainWithoutOwnRecordGetsSpFromTheOrganizationalDomain() {
        DmarcResult result = evaluate(0, "mail.bank.co.uk", spf(SpfResult.NONE, null));
        assertEquals(DmarcResult.Status.FAIL, result.status());
        assertEquals("bank.co.uk", result.policyDomain());
        assertEquals(DmarcRecord.Policy.QUARANTINE, result.policy());
        assertEquals(List.of("mailto:agg@bank.co.uk"), result.record().aggregateReportUris());
    }

    @Test
    void pctSamplesThePolicyAndAppliesTheNextLesserOneOutsideTheSample() {
        assertEquals(DmarcRecord.Policy.QUARANTINE, evaluate(49, "shop.example", spf(SpfResult.FAIL, "shop.example")).disposition());
        assertEquals(DmarcRecord.Policy.NONE, evaluate(50, "shop.example", spf(SpfResult.FAIL, "shop.example")).disposition());
    }

    @Test
    void noRecordSeveralRecordsOrNonDmarcTextIsNone() {
        assertEquals(DmarcResult.Status.NONE, evaluate(0, "nothing.example", spf(SpfResult.PASS, "nothing.example")).status());
        assertEquals(DmarcResult.Status.NONE, evaluate(0, "twice.example", spf(SpfResult.FAIL, "twice.example")).status());
        assertEquals(DmarcResult.Status.NONE, evaluate(0, "junk.example", spf(SpfResult.FAIL, "junk.example")).status());
    }

    @Test
    void deadDnsIsTemperrorAndMissingFromIsPermerror() {
        assertEquals(DmarcResult.Status.TEMPERROR, evaluate(0, "slow.example", spf(SpfResult.PASS, "slow.example")).status());
        assertEquals(DmarcResult.Status.PERMERROR, evaluate(0, null, spf(SpfResult.PASS, "x.example")).status());
    }

    @Test
    void strictSpfAlignment() {
        assertEquals(DmarcResult.Status.FAIL, evaluate(0, "news.example", spf(SpfResult.PASS, "bounce.news.example")).status());
        assertEquals(DmarcResult.Status.PASS, evaluate(0, "news.example", spf(SpfResult.PASS, "news.example")).status());
    }
}
