package io.mailfleet.delivery.local;

import io.mailfleet.mailstore.delivery.DeliveryOutcome;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Some accounts were over quota on this attempt: a temporary failure, retried for a while, then bounced. */
final class OverQuotaException extends RuntimeException {

    private final Set<String> pairs;

    OverQuotaException(List<DeliveryOutcome> overQuota) {
        super("over quota: " + overQuota.stream().map(o -> o.messageId() + " → " + o.accountId()).toList(), null, false, false);
        this.pairs = overQuota.stream().map(o -> pair(o.messageId(), o.accountId())).collect(Collectors.toUnmodifiableSet());
    }

    boolean isOverQuota(String messageId, String accountId) {
        return pairs.contains(pair(messageId, accountId));
    }

    private static String pair(String messageId, String accountId) {
        return messageId + '\u0000' + accountId;
    }
}
