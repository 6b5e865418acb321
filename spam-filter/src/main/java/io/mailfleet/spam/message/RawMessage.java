package io.mailfleet.spam.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The header section of an RFC 5322 message split into fields without changing one octet, and where the body starts.
 * Signature checks (DKIM, ARC) need the fields exactly as they arrived; everything else reads their unfolded values.
 */
public final class RawMessage {

    private final byte[] content;
    private final List<HeaderField> fields;
    private final int bodyOffset;

    private RawMessage(byte[] content, List<HeaderField> fields, int bodyOffset) {
        this.content = content;
        this.fields = Collections.unmodifiableList(fields);
        this.bodyOffset = bodyOffset;
    }

    /**
     * Splits at the first empty line. A message without one is all header; a line that is neither a field nor a
     * continuation ends the header section (what a lenient MTA does with it).
     */
    public static RawMessage parse(byte[] content) {
        List<HeaderField> fields = new ArrayList<>();
        int position = 0;
        while (position < content.length) {
            int lineEnd = lineEnd(content, position);
            if (lineEnd == position + lineBreakLength(content, position)) {
                // the empty line: the body follows it
                return new RawMessage(content, fields, lineEnd);
            }
            int colon = indexOf(content, (byte) ':', position, lineEnd);
            if (colon <= position || isWhitespace(content[position])) {
                return new RawMessage(content, fields, position);
            }
            int fieldEnd = lineEnd;
            while (fieldEnd < content.length && isWhitespace(content[fieldEnd])) {
                fieldEnd = lineEnd(content, fieldEnd);
            }
            String raw = new String(content, position, fieldEnd - position, StandardCharsets.ISO_8859_1);
            String name = new String(content, position, colon - position, StandardCharsets.ISO_8859_1).strip();
            fields.add(new HeaderField(name, raw, position, fieldEnd));
            position = fieldEnd;
        }
        return new RawMessage(content, fields, content.length);
    }

    private static int lineBreakLength(byte[] content, int position) {
        if (position < content.length && content[position] == '\n') {
            return 1;
        }
        if (position + 1 < content.length && content[position] == '\r' && content[position + 1] == '\n') {
            return 2;
        }
        return -1;
    }

    /** Index just past the line's LF (or the end of the content). */
    private static int lineEnd(byte[] content, int position) {
        for (int i = position; i < content.length; i++) {
            if (content[i] == '\n') {
                return i + 1;
            }
        }
        return content.length;
    }

    private static int indexOf(byte[] content, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (content[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    public List<HeaderField> fields() {
        return fields;
    }

    /** Fields with this name (case-insensitive), top to bottom. */
    public List<HeaderField> fields(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).toList();
    }

    public byte[] content() {
        return content;
    }

    public int bodyOffset() {
        return bodyOffset;
    }

    public byte[] body() {
        return java.util.Arrays.copyOfRange(content, bodyOffset, content.length);
    }

    /**
     * One header field.
     *
     * @param raw   the whole field as received, folding and final line break included, octets as ISO-8859-1 chars
     * @param start offset of its first octet in the message
     * @param end   offset just past its last octet
     */
    public record HeaderField(String name, String raw, int start, int end) {

        public String lowerName() {
            return name.toLowerCase(Locale.ROOT);
        }

        /** The value after the colon, unfolded, without the final line break. */
        public String value() {
            String value = raw.substring(raw.indexOf(':') + 1);
            return value.replaceAll("\r?\n(?=[ \t])", "").replaceAll("\r?\n$", "").replaceAll("^[ \t]+|[ \t]+$", "");
        }

        /** The value decoded as UTF-8 (RFC 6532), for display and matching. */
        public String utf8Value() {
            return new String(value().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }
}
