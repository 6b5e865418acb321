package io.mailfleet.mailstore.mime;

import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Parses a stored message once, at delivery or APPEND, with mime4j in its most lenient mode. It never
 * throws: broken boundaries, bad transfer encodings and 8-bit headers give a best-effort structure, and
 * input mime4j cannot parse at all is described as one opaque text/plain part, so a bad message can
 * never stall delivery. The bytes themselves are stored unchanged whatever this returns.
 */
@ApplicationScoped
public class MessageParser {

    private static final Logger LOG = Logger.getLogger(MessageParser.class);
    /** Characters of text indexed per message; tsvector is limited to 1 MB. */
    static final int MAX_SEARCH_CHARS = 256 * 1024;

    public ParsedMessage parse(byte[] raw) {
        try {
            Message message = builder().parseMessage(new ByteArrayInputStream(raw));
            try {
                return new ParsedMessage(storable(EnvelopeBuilder.build(message.getHeader())),
                        storable(BodyStructureBuilder.build(message)),
                        new TextExtractor(MAX_SEARCH_CHARS).extract(message));
            } finally {
                message.dispose();
            }
        } catch (IOException | RuntimeException unparseable) {
            LOG.debugf(unparseable, "message of %d octets is not parseable MIME; storing it as opaque text", raw.length);
            long lineFeeds = 0;
            for (byte b : raw) {
                if (b == '\n') {
                    lineFeeds++;
                }
            }
            long lines = BodyStructureBuilder.lines(lineFeeds, raw.length, raw.length > 0 && raw[raw.length - 1] == '\n');
            return new ParsedMessage(EnvelopeBuilder.empty(), BodyStructureBuilder.opaque(raw.length, lines),
                    TextExtractor.fallback(raw, MAX_SEARCH_CHARS));
        }
    }

    /** PostgreSQL jsonb refuses the NUL character, which a hostile header can carry: it becomes U+FFFD. */
    private static JsonObject storable(JsonObject json) {
        String encoded = json.encode();
        return encoded.contains("\\u0000") ? new JsonObject(encoded.replace("\\u0000", "\\ufffd")) : json;
    }

    private static DefaultMessageBuilder builder() {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        // keep bodies transfer-encoded: BODYSTRUCTURE sizes are of the encoded body
        builder.setContentDecoding(false);
        return builder;
    }
}
