package io.mailfleet.auth.domaindns;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The records a hosted domain must publish, computed from {@link PublicHostsConfig}. */
@ApplicationScoped
public class ExpectedRecords {

    private final PublicHostsConfig hosts;

    public ExpectedRecords(PublicHostsConfig hosts) {
        this.hosts = hosts;
    }

    public List<DnsRecord> forDomain(String domain) {
        return List.of(
                new DnsRecord("MX", domain, "10 " + fqdn(hosts.mxHost())),
                new DnsRecord("TXT", domain, hosts.spf()),
                new DnsRecord("TXT", "_dmarc." + domain, "v=DMARC1; p=" + hosts.dmarcPolicy() + "; rua=mailto:dmarc-reports@" + domain),
                new DnsRecord("TXT", "_mta-sts." + domain, "v=STSv1; id=" + mtaStsPolicyId()),
                new DnsRecord("CNAME", "mta-sts." + domain, fqdn(hosts.webHost())),
                new DnsRecord("TXT", "_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls-reports@" + domain),
                new DnsRecord("CNAME", "autoconfig." + domain, fqdn(hosts.webHost())),
                new DnsRecord("CNAME", "autodiscover." + domain, fqdn(hosts.webHost())),
                // RFC 6186 / RFC 8314 service records: clients find the servers from the address alone
                new DnsRecord("SRV", "_submissions._tcp." + domain, "0 1 " + hosts.submissionsPort() + " " + fqdn(hosts.smtpHost())),
                new DnsRecord("SRV", "_submission._tcp." + domain, "0 1 " + hosts.submissionPort() + " " + fqdn(hosts.smtpHost())),
                new DnsRecord("SRV", "_imaps._tcp." + domain, "0 1 " + hosts.imapsPort() + " " + fqdn(hosts.imapHost())),
                new DnsRecord("SRV", "_pop3s._tcp." + domain, "10 1 " + hosts.pop3sPort() + " " + fqdn(hosts.imapHost())));
    }

    /** The MTA-STS policy document served at https://mta-sts.{domain}/.well-known/mta-sts.txt (RFC 8461). */
    public String mtaStsPolicy() {
        return "version: STSv1\r\nmode: " + hosts.mtaStsMode() + "\r\nmx: " + hosts.mxHost() + "\r\nmax_age: "
                + hosts.mtaStsMaxAge().toSeconds() + "\r\n";
    }

    /** Changes exactly when the policy changes, as RFC 8461 wants of the TXT record's id. */
    private String mtaStsPolicyId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mtaStsPolicy().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    static String fqdn(String host) {
        return host.endsWith(".") ? host : host + ".";
    }
}
