package io.mailfleet.smtp.policy;

import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.smtp.protocol.SmtpReply;
import io.mailfleet.smtp.session.Listener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Connection-time policy, decided while the greeting is held back: allow-listed networks are always
 * admitted, deny-listed ones refused, clients over their connection rate told 421, and MX clients listed
 * on a DNSBL refused with 554 5.7.1 instead of the greeting (RFC 5321 3.1).
 */
@ApplicationScoped
public class ConnectionPolicy {

    private final List<CidrBlock> allowed;
    private final List<CidrBlock> denied;
    private final DnsblLookup dnsbl;
    private final SendingRateLimiter connectionRate;
    private final SmtpConfig config;

    public ConnectionPolicy(SmtpConfig config, DnsblLookup dnsbl, SendingRateLimiter connectionRate) {
        this.config = config;
        this.dnsbl = dnsbl;
        this.connectionRate = connectionRate;
        this.allowed = config.policy().allowCidrs().orElse(List.of()).stream().map(CidrBlock::parse).toList();
        this.denied = config.policy().denyCidrs().orElse(List.of()).stream().map(CidrBlock::parse).toList();
    }

    /** The reply refusing the client instead of the greeting, or empty to admit it. */
    public Uni<Optional<SmtpReply>> admit(String ip, Listener listener) {
        if (allowed.stream().anyMatch(block -> block.contains(ip))) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (denied.stream().anyMatch(block -> block.contains(ip))) {
            return Uni.createFrom().item(Optional.of(refusal(ip, "access denied by policy")));
        }
        return connectionRate.allowConnection(ip).flatMap(allowed -> {
            if (!allowed) {
                return Uni.createFrom().item(Optional.of(SmtpReply.of(421, "4.7.0",
                        config.hostname() + " Too many connections from [" + ip + "], try again later")));
            }
            if (listener != Listener.MX || !config.policy().dnsbl().enabled()) {
                return Uni.createFrom().item(Optional.<SmtpReply>empty());
            }
            return dnsbl.listedIn(ip).map(zone -> zone.map(listedIn -> refusal(ip, "blocked using " + listedIn)));
        })
                // Redis and DNS are bounded: the greeting waits for no dependency indefinitely
                .ifNoItem().after(config.policy().dnsbl().timeout().multipliedBy(2)).recoverWithItem(Optional.empty());
    }

    private SmtpReply refusal(String ip, String reason) {
        return SmtpReply.of(554, "5.7.1", config.hostname() + " Service unavailable; client [" + ip + "] " + reason);
    }
}
