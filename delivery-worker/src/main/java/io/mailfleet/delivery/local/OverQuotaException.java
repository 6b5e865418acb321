package io.mailfleet.delivery.local;

import io.mailfleet.mailstore.delivery.DeliveryOutcome;

import java.util.List;

/** Some accounts were over quota on this attempt: a temporary failure, retried for a while, then bounced. */
final class OverQuotaException extends RuntimeException {

    private final List<String> accountIds;

    OverQuotaException(List<DeliveryOutcome> overQuota) {
        super("over quota: " + overQuota.stream().map(DeliveryOutcome::accountId).toList(), null, false, false);
        this.accountIds = overQuota.stream().map(DeliveryOutcome::accountId).toList();
    }

    List<String> accountIds() {
        return accountIds;
    }
}
