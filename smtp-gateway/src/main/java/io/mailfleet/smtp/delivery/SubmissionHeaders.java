package io.mailfleet.smtp.delivery;

import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header rules of submission (RFC 6409 8): the {@code Message-ID} and {@code Date} fields are added
 * when the client left them out, and the {@code From:} addresses are read so the gateway can check the
 * account owns them. Only the header section is scanned; the body is never touched.
 */
public final class SubmissionHeaders {

    private static final DateTimeFormatter RFC_5322_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private SubmissionHeaders() {
    }

    /** The header fields to add in front of {@code message}: empty when it has both. */
    public static byte[] missing(byte[] message, String messageIdDomain, String queueId, ZonedDateTime at) {
        List<String> names = fields(message).stream().map(Field::name).toList();
        StringBuilder added = new StringBuilder();
        if (!names.contains("message-id")) {
            added.append("Message-ID: <").append(queueId).append('@').append(messageIdDomain).append(">\r\n");
        }
        if (!names.contains("date")) {
            added.append("Date: ").append(RFC_5322_DATE.format(at)).append("\r\n");
        }
        return added.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The mailbox addresses of the {@code From:} fields; empty when there is none. A {@code From:} field
     * without any parseable mailbox yields {@link Optional#empty()}.
     */
    public static Optional<List<String>> fromAddresses(byte[] message) {
        List<String> addresses = new ArrayList<>();
        for (Field field : fields(message)) {
            if (!field.name().equals("from")) {
                continue;
            }
            List<String> parsed = LenientAddressParser.DEFAULT.parseAddressList(field.value()).flatten().stream()
                    .map(Mailbox::getAddress)
                    .filter(address -> address != null && address.contains("@"))
                    .toList();
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            addresses.addAll(parsed);
        }
        return Optional.of(addresses);
    }

    /** A header field: lower-cased name and unfolded value. */
    record Field(String name, String value) {
    }

    /** The fields of the header section (up to the first empty line), continuation lines unfolded. */
    static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        int lineStart = 0;
        while (lineStart < message.length) {
            int lf = lineStart;
            while (lf < message.length && message[lf] != '\n') {
                lf++;
            }
            int end = lf > lineStart && message[lf - 1] == '\r' ? lf - 1 : lf;
            if (end == lineStart) {
                break; // the empty line ending the header section
            }
            String line = new String(message, lineStart, end - lineStart, StandardCharsets.UTF_8);
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(line);
            } else {
                if (name != null) {
                    fields.add(new Field(name, value.toString()));
                }
                int colon = line.indexOf(':');
                name = colon < 0 ? null : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                value.setLength(0);
                value.append(colon < 0 ? "" : line.substring(colon + 1));
            }
            lineStart = lf + 1;
        }
        if (name != null) {
            fields.add(new Field(name, value.toString()));
        }
        return fields;
    }
}
