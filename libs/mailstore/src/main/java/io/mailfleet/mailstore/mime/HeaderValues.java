package io.mailfleet.mailstore.mime;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Header values as the client wrote them. mime4j decodes raw header bytes as US-ASCII; mail with
 * 8-bit headers (RFC 6532 UTF-8, or legacy Latin-1) is read here from the raw bytes instead: UTF-8 when
 * the bytes are valid UTF-8, ISO-8859-1 (which maps every byte) otherwise.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    /** The unfolded value of the first field of that name, without decoding encoded-words; null if absent. */
    static String raw(Header header, String name) {
        if (header == null) {
            return null;
        }
        Field field = header.getField(name);
        return field == null ? null : raw(field);
    }

    static String raw(Field field) {
        ByteSequence raw = field.getRaw();
        String text;
        if (raw == null) {
            text = field.getBody();
        } else {
            text = decode(raw.toByteArray());
            int colon = text.indexOf(':');
            text = colon < 0 ? text : text.substring(colon + 1);
        }
        return text == null ? null : text.replaceAll("\r?\n(?=[ \t])", "").replaceAll("[\r\n]", "").trim();
    }

    /** For display and search: encoded-words decoded, unknown charsets left as they are. */
    static String decoded(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
