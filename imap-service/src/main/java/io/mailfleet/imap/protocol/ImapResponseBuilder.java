package io.mailfleet.imap.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds one response line (and the literals inside it) in wire form: strings are quoted when that is
 * safe and sent as literals otherwise (CR, LF, NUL, or 8-bit text to a client that did not enable UTF-8).
 */
public final class ImapResponseBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    private final boolean utf8;
    private boolean needSpace;

    public ImapResponseBuilder(boolean utf8) {
        this.utf8 = utf8;
    }

    public static ImapResponseBuilder untagged(boolean utf8) {
        return new ImapResponseBuilder(utf8).raw("*");
    }

    /** Text as it is (keywords, numbers, already-rendered parts), separated by a space from what precedes. */
    public ImapResponseBuilder atom(String text) {
        space();
        raw(text);
        return this;
    }

    public ImapResponseBuilder number(long n) {
        return atom(Long.toString(n));
    }

    public ImapResponseBuilder open() {
        space();
        raw("(");
        needSpace = false;
        return this;
    }

    public ImapResponseBuilder close() {
        raw(")");
        needSpace = true;
        return this;
    }

    /** The next item follows without a separating space (the parts of a multipart body structure). */
    public ImapResponseBuilder suppressSpace() {
        needSpace = false;
        return this;
    }

    public ImapResponseBuilder nil() {
        return atom("NIL");
    }

    /** A string, NIL when null. */
    public ImapResponseBuilder nstring(String value) {
        return value == null ? nil() : string(value);
    }

    public ImapResponseBuilder string(String value) {
        space();
        boolean quotable = value.length() <= 1024;
        for (int i = 0; quotable && i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c > 0x7e && !utf8)) {
                quotable = false;
            }
        }
        if (!quotable) {
            writeLiteral(value.getBytes(StandardCharsets.UTF_8));
            return this;
        }
        out.write('"');
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b == '"' || b == '\\') {
                out.write('\\');
            }
            out.write(b);
        }
        out.write('"');
        needSpace = true;
        return this;
    }

    /** An astring: the atom when it is one, else a string. */
    public ImapResponseBuilder astring(String value) {
        boolean atom = !value.isEmpty() && !value.equalsIgnoreCase("NIL");
        for (int i = 0; atom && i < value.length(); i++) {
            atom = ImapArgumentReader.isAstringChar(value.charAt(i));
        }
        return atom ? atom(value) : string(value);
    }

    public ImapResponseBuilder literal(byte[] bytes) {
        space();
        writeLiteral(bytes);
        return this;
    }

    public ImapResponseBuilder literal(byte[] bytes, int offset, int length) {
        space();
        raw("{" + length + "}\r\n");
        out.write(bytes, offset, length);
        needSpace = true;
        return this;
    }

    /** RFC 3516's literal8 ({@code ~{n}}) when the octets contain NUL, which a plain literal must not; else a literal. */
    public ImapResponseBuilder literal8(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == 0) {
                space();
                raw("~{" + length + "}\r\n");
                out.write(bytes, offset, length);
                needSpace = true;
                return this;
            }
        }
        return literal(bytes, offset, length);
    }

    /** Text with no separating space (e.g. {@code BODY[1]<0>} directly followed by its value). */
    public ImapResponseBuilder raw(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        needSpace = true;
        return this;
    }

    /** The response with its CRLF. */
    public byte[] toBytes() {
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    private void writeLiteral(byte[] bytes) {
        raw("{" + bytes.length + "}\r\n");
        out.write(bytes, 0, bytes.length);
        needSpace = true;
    }

    private void space() {
        if (needSpace) {
            out.write(' ');
        }
        needSpace = true;
    }
}
