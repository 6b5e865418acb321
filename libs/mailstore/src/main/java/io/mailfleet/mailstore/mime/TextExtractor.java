package io.mailfleet.mailstore.mime;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.util.CharsetUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words of a message for SEARCH: decoded Subject/From/To/Cc and the decoded text/* parts (HTML
 * with its tags removed). Capped, because PostgreSQL's tsvector has a 1 MB limit and search needs words,
 * not every byte of a huge attachment-like text part.
 */
final class TextExtractor {

    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");

    private final int maxChars;
    private final StringBuilder text = new StringBuilder();

    TextExtractor(int maxChars) {
        this.maxChars = maxChars;
    }

    String extract(Message message) {
        for (String header : new String[] {"Subject", "From", "To", "Cc"}) {
            append(HeaderValues.decoded(HeaderValues.raw(message.getHeader(), header)));
        }
        walk(message);
        return clean(text.toString());
    }

    /** Plain text of bytes nothing could parse: whatever decodes. */
    static String fallback(byte[] raw, int maxChars) {
        String text = HeaderValues.decode(raw);
        return clean(text.length() > maxChars ? text.substring(0, maxChars) : text);
    }

    private void walk(Entity entity) {
        if (text.length() >= maxChars) {
            return;
        }
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            multipart.getBodyParts().forEach(this::walk);
        } else if (body instanceof Message nested) {
            append(HeaderValues.decoded(HeaderValues.raw(nested.getHeader(), "Subject")));
            walk(nested);
        } else if (body instanceof SingleBody single && entity.getMimeType() != null
                && entity.getMimeType().toLowerCase(Locale.ROOT).startsWith("text/")) {
            String content = decode(single, entity);
            append(entity.getMimeType().equalsIgnoreCase("text/html") ? TAGS.matcher(content).replaceAll(" ") : content);
        }
    }

    private String decode(SingleBody body, Entity entity) {
        try (InputStream raw = body.getInputStream(); InputStream decoded = transferDecoded(raw, entity.getContentTransferEncoding())) {
            byte[] bytes = decoded.readNBytes(maxChars * 4);
            Charset charset = entity.getCharset() == null ? null : CharsetUtil.lookup(entity.getCharset());
            return charset == null ? HeaderValues.decode(bytes) : new String(bytes, charset);
        } catch (IOException | RuntimeException broken) {
            // a part whose encoding is too broken to decode contributes no words; the message is still stored
            return "";
        }
    }

    private static InputStream transferDecoded(InputStream raw, String encoding) {
        String normalized = encoding == null ? "" : encoding.toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "base64" -> new Base64InputStream(raw, DecodeMonitor.SILENT);
            case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
            default -> raw;
        };
    }

    private void append(String value) {
        if (value == null || value.isEmpty() || text.length() >= maxChars) {
            return;
        }
        int room = maxChars - text.length();
        text.append(value, 0, Math.min(room, value.length())).append('\n');
    }

    /** PostgreSQL text cannot hold NUL; other control characters only add noise to the index. */
    private static String clean(String value) {
        return CONTROL.matcher(value.replace('\u0000', ' ')).replaceAll(" ");
    }
}
