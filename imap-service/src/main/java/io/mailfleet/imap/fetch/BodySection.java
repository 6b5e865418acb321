package io.mailfleet.imap.fetch;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code BODY[section]<partial>} item (RFC 9051 6.4.5): a part path ({@code 1.2}), then optionally
 * HEADER, HEADER.FIELDS (list), HEADER.FIELDS.NOT (list), TEXT or MIME; PEEK does not set {@code \Seen}.
 *
 * @param specifier null for the whole part, else HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME
 * @param partialStart -1 without a partial range
 */
public record BodySection(List<Integer> path, String specifier, List<String> fields, boolean peek,
                          long partialStart, long partialLength) {

    /** How the response names the item: {@code BODY[1.HEADER.FIELDS (From)]<0>}, field names as the client wrote them (PEEK is never echoed). */
    public String responseName() {
        StringBuilder name = new StringBuilder("BODY[");
        name.append(path.stream().map(String::valueOf).collect(Collectors.joining(".")));
        if (specifier != null) {
            if (!path.isEmpty()) {
                name.append('.');
            }
            name.append(specifier);
            if (specifier.startsWith("HEADER.FIELDS")) {
                name.append(" (").append(String.join(" ", fields)).append(')');
            }
        }
        name.append(']');
        if (partialStart >= 0) {
            name.append('<').append(partialStart).append('>');
        }
        return name.toString();
    }
}
