package io.mailfleet.smtp.policy;

import io.mailfleet.directory.Cidr;
import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.smtp.protocol.SmtpReply;
import io.mailfleet.smtp.session.Listener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Connection-time policy, decided while the greeting is held back: allow-listed networks are always
 * admitted, deny-listed ones refused with 554 5.7.1 instead of the greeting (RFC 5321 3.1), clients over
 * their connection rate told 421. MX clients are looked up on the DNSBLs here; a listing is carried in
 * the {@link Admission} and enforced at RCPT ({@link #dnsblRefusal}), where the recipient's tenant is
 * known and may allow-list the client.
 */
@ApplicationScoped
public class ConnectionPolicy {

    private final List<String> allowed;
    private final List<String> denied;
    private final DnsblLookup dnsbl;
    private final SendingRateLimiter connectionRate;
    private final SmtpConfig config;

    public ConnectionPolicy(SmtpConfig config, DnsblLookup dnsbl, SendingRateLimiter connectionRate) {
        this.config = config;
        this.dnsbl = dnsbl;
        this.connectionRate = connectionRate;
        this.allowed = validated(config.policy().allowCidrs().orElse(List.of()));
        this.denied = validated(config.policy().denyCidrs().orElse(List.of()));
    }

    /** Configured lists are checked at start-up: a typo must stop the gateway, not silently match nothing. */
    private static List<String> validated(List<String> cidrs) {
        cidrs.forEach(Cidr::parse);
        return List.copyOf(cidrs);
    }

    public Uni<Admission> admit(String ip, Listener listener) {
        if (Cidr.anyContains(allowed, ip)) {
            return Uni.createFrom().item(Admission.admitted());
        }
        if (Cidr.anyContains(denied, ip)) {
            return Uni.createFrom().item(Admission.refused(SmtpReply.of(554, "5.7.1",
                    config.hostname() + " Service unavailable; client [" + ip + "] access denied by policy")));
        }
        return connectionRate.allowConnection(ip).flatMap(allowed -> {
            if (!allowed) {
                return Uni.createFrom().item(Admission.refused(SmtpReply.of(421, "4.7.0",
                        config.hostname() + " Too many connections from [" + ip + "], try again later")));
            }
            if (listener != Listener.MX || !config.policy().dnsbl().enabled()) {
                return Uni.createFrom().item(Admission.admitted());
            }
            return dnsbl.listedIn(ip).map(zone -> zone.map(Admission::listed).orElseGet(Admission::admitted));
        })
                // Redis and DNS are bounded: the greeting waits for no dependency indefinitely
                .ifNoItem().after(config.policy().dnsbl().timeout().multipliedBy(2)).recoverWithItem(Admission.admitted());
    }

    /** The RCPT reply for a client listed in {@code zone} (the wording of Postfix's reject_rbl_client). */
    public static SmtpReply dnsblRefusal(String ip, String zone) {
        return SmtpReply.of(554, "5.7.1", "Service unavailable; client [" + ip + "] blocked using " + zone);
    }
}
