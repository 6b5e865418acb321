package io.mailfleet.mailstore.delivery;

import io.mailfleet.mailstore.AppendResult;

import java.util.Optional;

/**
 * What happened to one (message, account) pair.
 *
 * @param stored where the message is: for DELIVERED the new entry, for DUPLICATE the entry an earlier
 *               delivery made (empty when that mailbox has since been deleted); empty for OVER_QUOTA
 */
public record DeliveryOutcome(String messageId, String accountId, Status status, Optional<AppendResult> stored) {

    public enum Status {
        /** stored now */
        DELIVERED,
        /** stored by an earlier delivery of the same message: nothing written */
        DUPLICATE,
        /** not stored: the account's quota would be exceeded; nothing written for this account */
        OVER_QUOTA
    }
}
