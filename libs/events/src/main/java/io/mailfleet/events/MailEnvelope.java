package io.mailfleet.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SMTP envelope and connection facts of one message. It travels as the JSON header
 * {@code mailfleet-envelope} (see {@link MailHeaders#ENVELOPE}) beside the raw RFC 5322 bytes, so the message itself is never re-encoded.
 *
 * @param version   contract version; readers refuse a major version they do not know
 * @param clientHostname the client's forward-confirmed reverse DNS name, null when it has none (or it was not looked up)
 * @param size      size of the raw message in octets
 * @param mailParams RFC 3461/6531/8689 MAIL FROM parameters (RET, ENVID, SMTPUTF8, REQUIRETLS …)
 */
public record MailEnvelope(
        int version,
        String messageId,
        Instant receivedAt,
        String helo,
        String clientIp,
        String clientHostname,
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

    /** The same envelope for other recipients (a split by destination). */
    public MailEnvelope withRecipients(List<Recipient> newRecipients) {
        return new MailEnvelope(version, messageId, receivedAt, helo, clientIp, clientHostname, tls, authenticatedPrincipal,
                mailFrom, newRecipients, size, direction, mailParams);
    }

    /** The same envelope for content of another size (after headers were added). */
    public MailEnvelope withSize(long newSize) {
        return new MailEnvelope(version, messageId, receivedAt, helo, clientIp, clientHostname, tls, authenticatedPrincipal,
                mailFrom, recipients, newSize, direction, mailParams);
    }
}
