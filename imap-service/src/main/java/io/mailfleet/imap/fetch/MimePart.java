package io.mailfleet.imap.fetch;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.LenientFieldParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Byte offsets of one MIME entity inside the stored message: where its header ends and its body begins,
 * and, for multiparts and message/rfc822, its children. IMAP sections are byte ranges of the original
 * message, so this works on the raw octets and never re-encodes anything; mime4j parses the
 * Content-Type field (boundary, type) of each entity.
 */
final class MimePart {

    private final byte[] data;
    private final int start;
    private final int bodyStart;
    private final int end;
    private final String mimeType;
    private final String boundary;
    private List<MimePart> children;

    private MimePart(byte[] data, int start, int end, String defaultType) {
        this.data = data;
        this.start = start;
        this.end = end;
        this.bodyStart = bodyStart(data, start, end);
        ContentTypeField contentType = contentType(headerText());
        String type = contentType == null || contentType.getMimeType() == null || !contentType.getMimeType().contains("/")
                ? defaultType : contentType.getMimeType().toLowerCase(Locale.ROOT);
        this.mimeType = type;
        this.boundary = contentType == null ? null : contentType.getBoundary();
    }

    static MimePart message(byte[] data) {
        return new MimePart(data, 0, data.length, "text/plain");
    }

    boolean isMultipart() {
        return mimeType.startsWith("multipart/") && boundary != null && !boundary.isEmpty();
    }

    boolean isMessage() {
        return mimeType.equals("message/rfc822") || mimeType.equals("message/global");
    }

    /** The encapsulated message of a message/rfc822 part. */
    MimePart embedded() {
        return new MimePart(data, bodyStart, end, "text/plain");
    }

    List<MimePart> children() {
        if (children == null) {
            children = isMultipart() ? split() : List.of();
        }
        return children;
    }

    byte[] all() {
        return slice(start, end);
    }

    /** The header including the blank line that ends it (RFC 9051: HEADER and MIME include it). */
    byte[] header() {
        return slice(start, bodyStart);
    }

    byte[] body() {
        return slice(bodyStart, end);
    }

    /** HEADER.FIELDS / HEADER.FIELDS.NOT: the matching fields, unfolded lines kept as they are, and the blank line. */
    byte[] headerFields(List<String> names, boolean not) {
        String header = headerText();
        StringBuilder out = new StringBuilder();
        StringBuilder field = new StringBuilder();
        for (String line : header.split("(?<=\n)")) {
            if (line.equals("\r\n") || line.equals("\n")) {
                break;
            }
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && field.length() > 0) {
                field.append(line);
                continue;
            }
            keep(field, names, not, out);
            field.setLength(0);
            field.append(line);
        }
        keep(field, names, not, out);
        out.append("\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void keep(StringBuilder field, List<String> names, boolean not, StringBuilder out) {
        if (field.length() == 0) {
            return;
        }
        int colon = field.indexOf(":");
        if (colon <= 0) {
            return;
        }
        String name = field.substring(0, colon).trim();
        boolean listed = names.stream().anyMatch(wanted -> wanted.equalsIgnoreCase(name));
        if (listed != not) {
            out.append(field);
            if (field.charAt(field.length() - 1) != '\n') {
                out.append("\r\n");
            }
        }
    }

    String mimeType() {
        return mimeType;
    }

    /** The charset parameter of the Content-Type, or null. */
    String charset() {
        ContentTypeField contentType = contentType(headerText());
        return contentType == null ? null : contentType.getCharset();
    }

    /** The Content-Transfer-Encoding, lower case; 7bit when absent (RFC 2045 6.1). */
    String transferEncoding() {
        String value = null;
        for (String line : headerText().split("\r?\n")) {
            if (line.regionMatches(true, 0, "Content-Transfer-Encoding:", 0, 26)) {
                value = line.substring(26);
                break;
            }
        }
        if (value == null) {
            return "7bit";
        }
        String encoding = value.replaceAll("\\(.*?\\)", "").trim().toLowerCase(Locale.ROOT);
        return encoding.isEmpty() ? "7bit" : encoding;
    }

    private String headerText() {
        // ISO-8859-1 maps every octet to one char, so offsets and 8-bit header bytes survive the round trip
        return new String(data, start, bodyStart - start, StandardCharsets.ISO_8859_1);
    }

    private List<MimePart> split() {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        String childType = mimeType.equals("multipart/digest") ? "message/rfc822" : "text/plain";
        List<MimePart> parts = new ArrayList<>();
        int partStart = -1;
        int line = bodyStart;
        while (line < end) {
            int next = line;
            while (next < end && data[next] != '\n') {
                next++;
            }
            int lineEnd = Math.min(next + 1, end);
            if (startsWith(line, delimiter)) {
                boolean close = startsWith(line + delimiter.length, new byte[] {'-', '-'});
                if (partStart >= 0) {
                    // the CRLF before a delimiter belongs to the delimiter
                    int partEnd = line;
                    if (partEnd > partStart && data[partEnd - 1] == '\n') {
                        partEnd--;
                        if (partEnd > partStart && data[partEnd - 1] == '\r') {
                            partEnd--;
                        }
                    }
                    parts.add(new MimePart(data, partStart, Math.max(partStart, partEnd), childType));
                }
                if (close) {
                    return parts;
                }
                partStart = lineEnd;
            }
            line = lineEnd;
        }
        if (partStart >= 0 && partStart < end) {
            parts.add(new MimePart(data, partStart, end, childType));
        }
        return parts;
    }

    private boolean startsWith(int offset, byte[] prefix) {
        if (offset + prefix.length > end) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private byte[] slice(int from, int to) {
        byte[] bytes = new byte[Math.max(0, to - from)];
        System.arraycopy(data, from, bytes, 0, bytes.length);
        return bytes;
    }

    private static int bodyStart(byte[] data, int start, int end) {
        if (start < end && data[start] == '\n') {
            return start + 1;
        }
        if (start + 1 < end && data[start] == '\r' && data[start + 1] == '\n') {
            return start + 2;
        }
        for (int i = start; i < end - 1; i++) {
            if (data[i] == '\n') {
                if (data[i + 1] == '\n') {
                    return i + 2;
                }
                if (data[i + 1] == '\r' && i + 2 < end && data[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return end;
    }

    private static ContentTypeField contentType(String header) {
        String value = null;
        StringBuilder current = null;
        for (String line : header.split("\r?\n")) {
            if (current != null && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                current.append(' ').append(line.trim());
                continue;
            }
            if (current != null) {
                value = current.toString();
                current = null;
            }
            if (value == null && line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                current = new StringBuilder(line.substring(13).trim());
            }
        }
        if (current != null) {
            value = current.toString();
        }
        if (value == null) {
            return null;
        }
        try {
            ParsedField field = LenientFieldParser.parse("Content-Type: " + value, DecodeMonitor.SILENT);
            return field instanceof ContentTypeField typed ? typed : null;
        } catch (MimeException e) {
            return null;
        }
    }
}
