package io.mailfleet.mailstore.delivery;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One message for one or more local accounts.
 *
 * @param messageId    the platform's message id (the Kafka key): with the account id, the idempotency key
 * @param content      the raw message, stored byte-exact, once
 * @param internalDate IMAP INTERNALDATE: when the platform received the message
 */
public record Delivery(String messageId, byte[] content, OffsetDateTime internalDate, List<DeliveryTarget> targets) {

    public Delivery {
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("a delivery needs a message id");
        }
        if (content == null || targets == null || targets.isEmpty() || internalDate == null) {
            throw new IllegalArgumentException("a delivery needs content, an internal date and at least one target");
        }
        targets = List.copyOf(targets);
    }
}
