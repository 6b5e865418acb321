package io.mailfleet.mailstore.mime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.FieldName;
import org.apache.james.mime4j.message.DefaultMessageWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * The IMAP BODYSTRUCTURE (RFC 9051 7.5.2) of a parsed entity as JSON. Single parts:
 * {@code {type, subtype, params, id, description, encoding, size, lines?, md5, disposition, language, location}}
 * with {@code lines} for text/* and message/rfc822, which also carries {@code envelope} and {@code body};
 * multiparts: {@code {type:"multipart", subtype, params, parts:[…], disposition, language, location}}.
 * Sizes and line counts are of the body as transmitted (still transfer-encoded).
 */
final class BodyStructureBuilder {

    private BodyStructureBuilder() {
    }

    static JsonObject build(Entity entity) throws IOException {
        ContentTypeField contentType = contentType(entity);
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            JsonArray parts = new JsonArray();
            for (Entity part : multipart.getBodyParts()) {
                parts.add(build(part));
            }
            return new JsonObject()
                    .put("type", "multipart")
                    .put("subtype", multipart.getSubType() == null ? "mixed" : multipart.getSubType().toLowerCase(Locale.ROOT))
                    .put("params", params(contentType))
                    .put("parts", parts)
                    .put("disposition", disposition(entity))
                    .put("language", language(entity))
                    .put("location", HeaderValues.raw(entity.getHeader(), "Content-Location"));
        }
        String[] type = mimeType(entity);
        JsonObject part = new JsonObject()
                .put("type", type[0])
                .put("subtype", type[1])
                .put("params", params(contentType))
                .put("id", HeaderValues.raw(entity.getHeader(), "Content-ID"))
                .put("description", HeaderValues.raw(entity.getHeader(), "Content-Description"))
                .put("encoding", encoding(entity));
        if (body instanceof Message nested) {
            Counted counted = Counted.of(out -> new DefaultMessageWriter().writeMessage(nested, out));
            part.put("size", counted.bytes)
                    .put("envelope", EnvelopeBuilder.build(nested.getHeader()))
                    .put("body", build(nested))
                    .put("lines", counted.lines);
        } else if (body instanceof SingleBody single) {
            Counted counted = Counted.of(out -> {
                try (InputStream in = single.getInputStream()) {
                    in.transferTo(out);
                }
            });
            part.put("size", counted.bytes);
            if ("text".equals(type[0])) {
                part.put("lines", counted.lines);
            }
        } else {
            part.put("size", 0L);
        }
        return part.put("md5", HeaderValues.raw(entity.getHeader(), "Content-MD5"))
                .put("disposition", disposition(entity))
                .put("language", language(entity))
                .put("location", HeaderValues.raw(entity.getHeader(), "Content-Location"));
    }

    /** The structure of something mime4j could not parse at all: one text/plain part of the raw size. */
    static JsonObject opaque(long size, long lines) {
        return new JsonObject().put("type", "text").put("subtype", "plain")
                .put("params", new JsonObject().put("charset", "us-ascii"))
                .put("id", null).put("description", null).put("encoding", "7bit")
                .put("size", size).put("lines", lines).put("md5", null)
                .put("disposition", null).put("language", null).put("location", null);
    }

    private static ContentTypeField contentType(Entity entity) {
        var field = entity.getHeader() == null ? null : entity.getHeader().getField(FieldName.CONTENT_TYPE);
        return field instanceof ContentTypeField typed ? typed : null;
    }

    private static String[] mimeType(Entity entity) {
        String mimeType = entity.getMimeType();
        int slash = mimeType == null ? -1 : mimeType.indexOf('/');
        if (slash <= 0 || slash == mimeType.length() - 1) {
            return new String[] {"text", "plain"};
        }
        return new String[] {mimeType.substring(0, slash).toLowerCase(Locale.ROOT), mimeType.substring(slash + 1).toLowerCase(Locale.ROOT)};
    }

    private static JsonObject params(ContentTypeField contentType) {
        JsonObject params = new JsonObject();
        if (contentType != null) {
            contentType.getParameters().forEach(params::put);
        }
        return params;
    }

    private static String encoding(Entity entity) {
        String encoding = entity.getContentTransferEncoding();
        return encoding == null ? "7bit" : encoding.toLowerCase(Locale.ROOT);
    }

    private static JsonObject disposition(Entity entity) {
        var field = entity.getHeader() == null ? null : entity.getHeader().getField(FieldName.CONTENT_DISPOSITION);
        if (!(field instanceof ContentDispositionField disposition) || disposition.getDispositionType() == null
                || disposition.getDispositionType().isEmpty()) {
            return null;
        }
        JsonObject params = new JsonObject();
        for (Map.Entry<String, String> parameter : disposition.getParameters().entrySet()) {
            params.put(parameter.getKey(), parameter.getValue());
        }
        return new JsonObject().put("type", disposition.getDispositionType()).put("params", params);
    }

    private static JsonArray language(Entity entity) {
        String raw = HeaderValues.raw(entity.getHeader(), "Content-Language");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        JsonArray languages = new JsonArray();
        for (String tag : raw.split(",")) {
            if (!tag.isBlank()) {
                languages.add(tag.trim());
            }
        }
        return languages;
    }

    /**
     * Lines of a body: its LFs, plus one for a last line without a line ending (a MIME part's last line gives its
     * CRLF to the boundary that follows, and a message may simply end without one). Empty: no lines.
     */
    static long lines(long lineFeeds, long octets, boolean endsWithLineFeed) {
        return octets > 0 && !endsWithLineFeed ? lineFeeds + 1 : lineFeeds;
    }

    /** Octets and lines a writer produces, without keeping the bytes. */
    private static final class Counted extends OutputStream {

        interface Writer {
            void writeTo(OutputStream out) throws IOException;
        }

        long bytes;
        long lines;
        private long lineFeeds;
        private int last = -1;

        static Counted of(Writer writer) throws IOException {
            Counted counted = new Counted();
            writer.writeTo(counted);
            counted.lines = lines(counted.lineFeeds, counted.bytes, counted.last == '\n');
            return counted;
        }

        @Override
        public void write(int b) {
            bytes++;
            last = b & 0xff;
            if (last == '\n') {
                lineFeeds++;
            }
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            if (length <= 0) {
                return;
            }
            bytes += length;
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    lineFeeds++;
                }
            }
            last = buffer[offset + length - 1] & 0xff;
        }
    }
}
