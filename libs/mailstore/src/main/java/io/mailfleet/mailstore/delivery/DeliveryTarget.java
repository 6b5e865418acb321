package io.mailfleet.mailstore.delivery;

import io.mailfleet.mailstore.Flags;

/**
 * One account a message is delivered to.
 *
 * @param headerPrefix header lines for this recipient only (e.g. {@code Delivered-To:}), CRLF-terminated;
 *                     stored beside the shared blob and served in front of it
 */
public record DeliveryTarget(String accountId, Destination destination, byte[] headerPrefix, Flags flags) {

    public DeliveryTarget {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("a delivery target needs an account id");
        }
        headerPrefix = headerPrefix == null ? new byte[0] : headerPrefix;
        flags = flags == null ? Flags.NONE : flags;
    }
}
