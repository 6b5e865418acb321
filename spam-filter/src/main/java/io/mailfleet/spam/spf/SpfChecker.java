package io.mailfleet.spam.spf;

import io.mailfleet.spam.SpamFilterConfig;
import io.mailfleet.spam.dns.DnsLookup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;

/**
 * RFC 7208 check_host() for the MAIL FROM and HELO identities. Every DNS query is asynchronous (see {@link DnsLookup}); an
 * evaluation never throws: DNS trouble is {@code temperror}, a broken policy {@code permerror}.
 */
@ApplicationScoped
public class SpfChecker {

    private final DnsLookup dns;
    private final String receiver;

    @Inject
    public SpfChecker(DnsLookup dns, SpamFilterConfig config) {
        this(dns, config.authservId());
    }

    /** @param receiver our host name, the value of the {@code %{r}} macro in explanations */
    public SpfChecker(DnsLookup dns, String receiver) {
        this.dns = dns;
        this.receiver = receiver;
    }

    /** The MAIL FROM identity; for the null reverse-path, {@code postmaster@HELO} (§2.4). */
    public Uni<SpfOutcome> checkMailFrom(InetAddress client, String mailFrom, String helo) {
        String sender = mailFrom == null || mailFrom.isEmpty() ? "postmaster@" + helo : mailFrom;
        return new SpfEvaluation(dns, client, sender, helo, receiver).run();
    }

    /** The HELO identity (§2.3). */
    public Uni<SpfOutcome> checkHelo(InetAddress client, String helo) {
        return new SpfEvaluation(dns, client, "postmaster@" + helo, helo, receiver).run();
    }
}
