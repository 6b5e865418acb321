package io.mailfleet.spam.policy;

import com.google.common.net.InetAddresses;
import io.mailfleet.directory.TenantPolicy;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a tenant's lists apply to one message. Entries come from tenants at run time: one that does not parse matches
 * nothing (logged at debug) instead of failing the message.
 */
public final class TenantPolicyMatch {

    private static final Logger LOG = Logger.getLogger(TenantPolicyMatch.class);

    private TenantPolicyMatch() {
    }

    /** The first entry naming one of the senders: an address exactly, or a domain and its sub-domains. */
    public static Optional<String> sender(List<String> entries, List<String> senders) {
        for (String entry : entries) {
            String wanted = entry.strip().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty()) {
                continue;
            }
            for (String sender : senders) {
                String address = sender.toLowerCase(Locale.ROOT);
                String domain = address.substring(address.lastIndexOf('@') + 1);
                boolean matches = wanted.contains("@") ? address.equals(wanted)
                        : domain.equals(wanted) || domain.endsWith("." + wanted);
                if (matches) {
                    return Optional.of(entry.strip());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the tenant's ipAllow contains the client IP. */
    public static boolean ipAllowed(TenantPolicy policy, String clientIp) {
        if (clientIp == null || policy.ipAllow().isEmpty() || !InetAddresses.isInetAddress(clientIp)) {
            return false;
        }
        InetAddress ip = InetAddresses.forString(clientIp);
        for (String entry : policy.ipAllow()) {
            try {
                if (Cidr.parse(entry).contains(ip)) {
                    return true;
                }
            } catch (IllegalArgumentException malformed) {
                LOG.debugf("tenant %s: ignoring malformed ipAllow entry %s", policy.tenantId(), entry);
            }
        }
        return false;
    }
}
