package io.mailfleet.imap.fetch;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The octets a {@link BodySection} names in a message (RFC 9051 6.4.5): part numbers walk multiparts
 * and encapsulated messages; part 1 of a non-multipart is its body. A section that does not exist
 * yields empty content, as most servers answer. {@link #decoded} is BINARY's view (RFC 3516): the same
 * part with its Content-Transfer-Encoding undone.
 */
public final class SectionExtractor {

    private SectionExtractor() {
    }

    public static byte[] extract(byte[] message, BodySection section) {
        MimePart part = locate(MimePart.message(message), section.path());
        if (part == null) {
            return new byte[0];
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

    /**
     * BINARY[path]: the whole message for an empty path, else the part's body decoded from base64 or
     * quoted-printable (7bit, 8bit and binary are the octets themselves). A part that does not exist is empty.
     *
     * @throws UnknownTransferEncodingException for any other encoding (the client gets NO [UNKNOWN-CTE])
     */
    public static byte[] decoded(byte[] message, List<Integer> path) {
        MimePart root = MimePart.message(message);
        if (path.isEmpty()) {
            return root.all();
        }
        MimePart part = locate(root, path);
        return part == null ? new byte[0] : decodeBody(part);
    }

    /** The part's body with base64 / quoted-printable undone; other encodings are {@link UnknownTransferEncodingException}. */
    static byte[] decodeBody(MimePart part) {
        String encoding = part.transferEncoding();
        return switch (encoding) {
            case "7bit", "8bit", "binary" -> part.body();
            case "base64" -> decode(new Base64InputStream(new ByteArrayInputStream(part.body()), DecodeMonitor.SILENT));
            case "quoted-printable" -> decode(new QuotedPrintableInputStream(new ByteArrayInputStream(part.body()), DecodeMonitor.SILENT));
            default -> throw new UnknownTransferEncodingException(encoding);
        };
    }

    private static byte[] decode(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams in lenient mode: not expected
        }
    }

    /** The entity a part path names, or null when it does not exist. */
    private static MimePart locate(MimePart root, List<Integer> path) {
        MimePart part = root;
        boolean isMessage = true;
        for (int number : path) {
            MimePart container = part;
            if (!isMessage && part.isMessage()) {
                container = part.embedded();
            }
            if (container.isMultipart()) {
                List<MimePart> children = container.children();
                if (number > children.size()) {
                    return null;
                }
                part = children.get(number - 1);
            } else if (number == 1) {
                part = container;
            } else {
                return null;
            }
            isMessage = false;
        }
        return part;
    }
}
