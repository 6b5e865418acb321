package io.mailfleet.smtp.delivery;

import io.mailfleet.smtp.session.SmtpSession;
import io.mailfleet.smtp.session.Transaction;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The trace header the gateway prepends (RFC 5321 4.4, protocol names of RFC 3848 and RFC 6531):
 * <pre>
 * Received: from HELO (FCRDNS-NAME [IP])
 *         by HOST (Mailfleet) with ESMTPSA id QUEUE-ID
 *         (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384)
 *         for &lt;rcpt&gt;; DATE
 * </pre>
 * The reverse DNS name appears only when forward-confirmed ({@link io.mailfleet.smtp.policy.ReverseDns}).
 * The recipient is only named when there is exactly one, so a message to many does not reveal the
 * others. The authenticated account is not named (privacy); the envelope carries it.
 */
public final class ReceivedHeader {

    private static final DateTimeFormatter RFC_5322_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {
    }

    public static byte[] build(SmtpSession session, Transaction transaction, String hostname, String queueId, ZonedDateTime at) {
        StringBuilder header = new StringBuilder(256);
        header.append("Received: from ").append(clean(session.helo())).append(" (")
                .append(session.clientName() == null ? "" : session.clientName() + " ")
                .append('[').append(session.clientIp()).append("])")
                .append("\r\n\tby ").append(hostname).append(" (Mailfleet) with ").append(protocol(session, transaction))
                .append(" id ").append(queueId);
        if (session.tls() != null) {
            header.append("\r\n\t(using ").append(session.tls().protocol()).append(" with cipher ")
                    .append(session.tls().cipherSuite()).append(')');
        }
        if (transaction.recipients().size() == 1) {
            header.append("\r\n\tfor <").append(clean(transaction.recipients().get(0).address())).append('>');
        }
        header.append(";\r\n\t").append(RFC_5322_DATE.format(at)).append("\r\n");
        return header.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** SMTP, ESMTP, ESMTPS, ESMTPA, ESMTPSA, and the UTF8SMTP… forms when the message uses SMTPUTF8. */
    static String protocol(SmtpSession session, Transaction transaction) {
        String base = transaction.smtpUtf8() ? "UTF8SMTP" : session.extended() ? "ESMTP" : "SMTP";
        if (transaction.smtpUtf8() || session.extended()) {
            base += (session.tls() != null ? "S" : "") + (session.authenticated() != null ? "A" : "");
        }
        return base;
    }

    /** HELO names and addresses come from the client: no line breaks or parentheses may reach the header. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x21 || c == 0x7f || c == '(' || c == ')' ? '_' : c);
        }
        return out.toString();
    }
}
