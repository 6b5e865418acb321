package io.mailfleet.directory;

import java.util.List;

/**
 * A tenant's own mail policy, set through {@code /api/v1/tenants/{t}/policies} and read by the gateways
 * and the spam filter through {@code GET /internal/v1/tenants/{tenantId}/policy}. Empty lists and null
 * values mean "platform default".
 *
 * @param ipAllow     CIDRs (or single IPs) the tenant trusts: mail from them to the tenant skips IP
 *                    reputation (DNSBL) checks and is never refused for its IP
 * @param ipDeny      CIDRs the tenant refuses: MX mail from them to the tenant's recipients is refused at
 *                    RCPT ({@code 550 5.7.1}), and the tenant's accounts cannot log in from them
 * @param senderAllow sender addresses ({@code a@example.org}) or domains ({@code example.org}) whose mail to
 *                    the tenant is always delivered to the inbox, unless it fails DMARC or carries malware
 * @param senderBlock sender addresses or domains whose mail to the tenant is rejected
 * @param spam        score thresholds for this tenant's inbound mail
 * @param sending     outbound limits for this tenant's accounts
 */
public record TenantPolicy(String tenantId, List<String> ipAllow, List<String> ipDeny, List<String> senderAllow,
                           List<String> senderBlock, SpamThresholds spam, SendingLimits sending) {

    public TenantPolicy {
        ipAllow = ipAllow == null ? List.of() : List.copyOf(ipAllow);
        ipDeny = ipDeny == null ? List.of() : List.copyOf(ipDeny);
        senderAllow = senderAllow == null ? List.of() : List.copyOf(senderAllow);
        senderBlock = senderBlock == null ? List.of() : List.copyOf(senderBlock);
        spam = spam == null ? new SpamThresholds(null, null, null) : spam;
        sending = sending == null ? new SendingLimits(null, null) : sending;
    }

    /** The policy of a tenant that set nothing. */
    public static TenantPolicy defaults(String tenantId) {
        return new TenantPolicy(tenantId, null, null, null, null, null, null);
    }

    /** The tenant refuses this client IP (its {@code ipDeny}). */
    public boolean denies(String clientIp) {
        return Cidr.anyContains(ipDeny, clientIp);
    }

    /** The tenant trusts this client IP (its {@code ipAllow}). */
    public boolean trusts(String clientIp) {
        return Cidr.anyContains(ipAllow, clientIp);
    }

    /** Score at or above which mail goes to Junk / is quarantined / is rejected; null = platform default. */
    public record SpamThresholds(Double junk, Double quarantine, Double reject) {
    }

    /** Messages per account per day and recipients per message; null = platform default. */
    public record SendingLimits(Integer messagesPerDay, Integer recipientsPerMessage) {
    }
}
