package io.mailfleet.delivery.outbound;

import io.mailfleet.events.JsonHeader;

import java.util.List;

/**
 * Why local delivery gave up on some recipients. It travels as the header {@link #HEADER} on a
 * {@code mail.outbound} record whose envelope recipients are exactly the failed recipients: such a
 * record asks the outbound relay for a DSN (RFC 3464) to the envelope sender, never for relaying.
 *
 * @param recipients each failed recipient with its RFC 3463 status and a diagnostic text
 */
public record DeliveryFailure(int version, List<FailedRecipient> recipients) {

    public static final int CURRENT_VERSION = 1;
    public static final JsonHeader<DeliveryFailure> HEADER = new JsonHeader<>("mailfleet-delivery-failure", DeliveryFailure.class);

    /** @param status RFC 3463 enhanced status, e.g. 5.2.2 (mailbox full), 5.1.1 (no such user) */
    public record FailedRecipient(String address, String status, String diagnostic) {
    }

    public DeliveryFailure {
        recipients = List.copyOf(recipients);
    }
}
