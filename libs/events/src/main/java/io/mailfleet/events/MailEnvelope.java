package io.mailfleet.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SMTP envelope and connection facts of one message. It travels as the JSON header
 * {@code mailfleet-envelope} (see {@link MailHeaders#ENVELOPE}) beside the raw RFC 5322 bytes, so the message itself is never re-encoded.
 *
 * @param version   contract version; readers refuse a major version they do not know
 * @param size      size of the raw message in octets
 * @param mailParams RFC 3461/6531/8689 MAIL FROM parameters (RET, ENVID, SMTPUTF8, REQUIRETLS …)
 */
public record MailEnvelope(
        int version,
        String messageId,
        Instant receivedAt,
        String helo,
        String clientIp,
        TlsInfo tls,
        String authenticatedPrincipal,
        String mailFrom,
        List<Recipient> recipients,
        long size,
        Direction direction,
        Map<String, String> mailParams) {

    public static final int CURRENT_VERSION = 1;

    public MailEnvelope {
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("message id is required");
        }
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is required");
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction is required");
        }
        recipients = List.copyOf(recipients);
        mailParams = mailParams == null ? Map.of() : Map.copyOf(mailParams);
        mailFrom = mailFrom == null ? "" : mailFrom;
    }
}
