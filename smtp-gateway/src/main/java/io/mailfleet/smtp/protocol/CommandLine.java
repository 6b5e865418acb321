package io.mailfleet.smtp.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One command line as the client sent it (without CRLF), or the marker for a line over the length limit. */
public final class CommandLine {

    static final CommandLine TOO_LONG = new CommandLine(null);

    private final byte[] bytes;

    CommandLine(byte[] bytes) {
        this.bytes = bytes;
    }

    public boolean tooLong() {
        return bytes == null;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** The line as text; null when it is not valid UTF-8 (SMTPUTF8, RFC 6531, allows UTF-8, nothing else). */
    public String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Splits {@code VERB argument}; the verb is upper-cased, the argument kept as sent. */
    public static Command parse(String text) {
        int space = text.indexOf(' ');
        String verb = space < 0 ? text : text.substring(0, space);
        String argument = space < 0 ? "" : text.substring(space + 1).strip();
        return new Command(verb.toUpperCase(Locale.ROOT), argument);
    }

    public record Command(String verb, String argument) {
    }
}
