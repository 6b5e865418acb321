package io.mailfleet.imap.fetch;

import java.util.List;

/**
 * The octets a {@link BodySection} names in a message (RFC 9051 6.4.5): part numbers walk multiparts
 * and encapsulated messages; part 1 of a non-multipart is its body. A section that does not exist
 * yields empty content, as most servers answer.
 */
public final class SectionExtractor {

    private SectionExtractor() {
    }

    public static byte[] extract(byte[] message, BodySection section) {
        MimePart root = MimePart.message(message);
        MimePart part = root;
        boolean isMessage = true;
        for (int number : section.path()) {
            MimePart container = part;
            if (!isMessage && part.isMessage()) {
                container = part.embedded();
            }
            if (container.isMultipart()) {
                List<MimePart> children = container.children();
                if (number > children.size()) {
                    return new byte[0];
                }
                part = children.get(number - 1);
            } else if (number == 1) {
                part = container;
            } else {
                return new byte[0];
            }
            isMessage = false;
        }
        String specifier = section.specifier();
        if (specifier == null) {
            return section.path().isEmpty() ? part.all() : part.body();
        }
        if (specifier.equals("MIME")) {
            return part.header();
        }
        MimePart target = part;
        if (!section.path().isEmpty()) {
            if (!part.isMessage()) {
                return new byte[0];
            }
            target = part.embedded();
        }
        return switch (specifier) {
            case "HEADER" -> target.header();
            case "TEXT" -> target.body();
            case "HEADER.FIELDS" -> target.headerFields(section.fields(), false);
            case "HEADER.FIELDS.NOT" -> target.headerFields(section.fields(), true);
            default -> new byte[0];
        };
    }
}
