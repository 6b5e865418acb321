package io.mailfleet.auth.passwordreset;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

/** The RFC 5322 message that brings a reset token to the account's own mailbox, composed by Angus Mail (CRLF, MIME). */
final class ResetMessage {

    private static final Session SESSION = Session.getInstance(new Properties());

    private ResetMessage() {
    }

    /**
     * @param apiBase where the public API is reached, e.g. {@code https://web.example}
     * @return the message bytes; its Message-ID is {@code <messageId@senderDomain>}
     */
    static byte[] compose(String sender, String address, String token, Duration ttl, String apiBase, String clientIp,
                          String messageId, Instant now) {
        String body = """
                Somebody (client IP %s) asked to reset the password of %s.

                If it was you, choose a new password within %d minutes:

                  curl -X POST %s/api/v1/password-reset/confirm \\
                       -H 'Content-Type: application/json' \\
                       -d '{"token":"%s","password":"YOUR NEW PASSWORD"}'

                The token works once. Your TOTP second factor and your app passwords stay as they are.
                If it was not you, ignore this message: nothing changes.
                """.formatted(clientIp == null ? "unknown" : clientIp, address, ttl.toMinutes(), apiBase, token);
        try {
            MimeMessage message = new FixedIdMessage("<" + messageId + "@" + sender.substring(sender.indexOf('@') + 1) + ">");
            message.setFrom(new InternetAddress(sender, "Mailfleet"));
            message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(address));
            message.setSubject("Password reset for " + address, "UTF-8");
            message.setSentDate(Date.from(now));
            message.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: nobody should auto-reply to it
            message.setText(body, "UTF-8");
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot compose the reset message for " + address, e);
        }
    }

    /** Our own Message-ID: the default one would ask the machine for its host name. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    static String newMessageId() {
        return "password-reset-" + UUID.randomUUID();
    }
}
