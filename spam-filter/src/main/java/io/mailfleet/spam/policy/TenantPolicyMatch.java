package io.mailfleet.spam.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a tenant's sender lists apply to one message (its IP lists: {@code TenantPolicy.trusts/denies}). Entries come
 * from tenants at run time: one that matches nothing is simply ignored.
 */
public final class TenantPolicyMatch {

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

}
