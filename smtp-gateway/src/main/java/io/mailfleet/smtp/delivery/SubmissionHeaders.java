package io.mailfleet.smtp.delivery;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * RFC 6409 8.2/8.3: a submission server adds the {@code Message-ID} and {@code Date} header fields when
 * the client left them out. Only the header section is scanned; the body is never touched.
 */
public final class SubmissionHeaders {

    private SubmissionHeaders() {
    }

    /** The header fields to add in front of {@code message}: empty when it has both. */
    public static byte[] missing(byte[] message, String messageIdDomain, String queueId, ZonedDateTime at) {
        boolean hasMessageId = false;
        boolean hasDate = false;
        int lineStart = 0;
        while (lineStart < message.length) {
            if (message[lineStart] == '\r' || message[lineStart] == '\n') {
                break; // the empty line ending the header section
            }
            hasMessageId |= startsWithField(message, lineStart, "message-id:");
            hasDate |= startsWithField(message, lineStart, "date:");
            int lf = lineStart;
            while (lf < message.length && message[lf] != '\n') {
                lf++;
            }
            lineStart = lf + 1;
        }
        StringBuilder added = new StringBuilder();
        if (!hasMessageId) {
            added.append("Message-ID: <").append(queueId).append('@').append(messageIdDomain).append(">\r\n");
        }
        if (!hasDate) {
            added.append("Date: ").append(DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).format(at))
                    .append("\r\n");
        }
        return added.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWithField(byte[] message, int offset, String lowerCaseName) {
        if (offset + lowerCaseName.length() > message.length) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length(); i++) {
            if (Character.toLowerCase((char) message[offset + i]) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
