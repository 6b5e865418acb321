package io.mailfleet.imap.protocol;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the RFC 9051 grammar's building blocks (atoms, quoted strings, literals, numbers, sequence sets,
 * flag lists, dates) from one framed command. Each processor pulls the arguments its command takes, in
 * order; anything unexpected is an {@link ImapSyntaxException}, i.e. {@code BAD}.
 */
public final class ImapArgumentReader {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final byte[] raw;
    private int position;

    public ImapArgumentReader(byte[] raw) {
        this.raw = raw;
    }

    public static boolean isTag(String tag) {
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (!isAstringChar(c) || c == '+') {
                return false;
            }
        }
        return !tag.isEmpty();
    }

    static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\' && c != ']';
    }

    static boolean isAstringChar(int c) {
        return isAtomChar(c) || c == ']';
    }

    /** Where the reader is; with {@link #rewind} a processor can look ahead one token. */
    public int position() {
        return position;
    }

    public void rewind(int mark) {
        this.position = mark;
    }

    public boolean atEnd() {
        return position >= raw.length;
    }

    /** The next octet without consuming it; -1 at the end. */
    public int peek() {
        return atEnd() ? -1 : raw[position] & 0xff;
    }

    public boolean consumeIf(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    public void expect(char c) {
        if (!consumeIf(c)) {
            throw new ImapSyntaxException(atEnd() ? "missing argument" : "expected '" + c + "'");
        }
    }

    /** Spaces a lenient reader tolerates inside parentheses ({@code ( ALL )}). */
    public void skipSpaces() {
        while (peek() == ' ') {
            position++;
        }
    }

    /** One space; more are tolerated (clients such as James's test scripts send them). */
    public void sp() {
        expect(' ');
        while (peek() == ' ') {
            position++;
        }
    }

    /** The command must be over. */
    public void end() {
        if (!atEnd()) {
            throw new ImapSyntaxException("unexpected extra arguments");
        }
    }

    public String tag() {
        String tag = readWhile(c -> isAstringChar(c) && c != '+');
        if (tag.isEmpty()) {
            throw new ImapSyntaxException("missing tag");
        }
        return tag;
    }

    public String atom() {
        String atom = readWhile(ImapArgumentReader::isAtomChar);
        if (atom.isEmpty()) {
            throw new ImapSyntaxException(atEnd() ? "missing argument" : "expected an atom");
        }
        return atom;
    }

    /** A FETCH attribute name ({@code BODY.PEEK}, {@code RFC822.SIZE}): stops before {@code [}, unlike an atom. */
    public String fetchAttribute() {
        String name = readWhile(c -> isAtomChar(c) && c != '[');
        if (name.isEmpty()) {
            throw new ImapSyntaxException("expected a FETCH item");
        }
        return name;
    }

    /** An atom, quoted string or literal, as text (UTF-8). */
    public String astring() {
        int c = peek();
        if (c == '"' || c == '{' || c == '~') {
            return new String(string(), StandardCharsets.UTF_8);
        }
        String atom = readWhile(ImapArgumentReader::isAstringChar);
        if (atom.isEmpty()) {
            throw new ImapSyntaxException(atEnd() ? "missing argument" : "expected a string");
        }
        return atom;
    }

    /** NIL or a string. */
    public String nstring() {
        if (peek() != '"' && peek() != '{') {
            String atom = atom();
            if (!atom.equalsIgnoreCase("NIL")) {
                throw new ImapSyntaxException("expected a string or NIL");
            }
            return null;
        }
        return new String(string(), StandardCharsets.UTF_8);
    }

    /** A quoted string or a literal, as octets. */
    public byte[] string() {
        int c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '~') {
            position++;
        }
        if (peek() == '{') {
            return literal();
        }
        throw new ImapSyntaxException("expected a string");
    }

    /** list-mailbox: like an astring, but {@code %} and {@code *} are allowed in the atom form. */
    public String listMailbox() {
        int c = peek();
        if (c == '"' || c == '{') {
            return new String(string(), StandardCharsets.UTF_8);
        }
        String atom = readWhile(ch -> isAstringChar(ch) || ch == '%' || ch == '*');
        if (atom.isEmpty()) {
            throw new ImapSyntaxException("expected a mailbox pattern");
        }
        return atom;
    }

    public long number() {
        String digits = readWhile(c -> c >= '0' && c <= '9');
        if (digits.isEmpty() || digits.length() > 19) {
            throw new ImapSyntaxException("expected a number");
        }
        return Long.parseLong(digits);
    }

    public long nzNumber() {
        long n = number();
        if (n == 0) {
            throw new ImapSyntaxException("expected a non-zero number");
        }
        return n;
    }

    public SequenceSet sequenceSet() {
        String text = readWhile(c -> (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*');
        if (text.isEmpty()) {
            throw new ImapSyntaxException("expected a sequence set");
        }
        return SequenceSet.parse(text);
    }

    /** {@code (flag flag …)}; flags keep their spelling ({@code \Seen}, {@code $Junk}). */
    public List<String> flagList() {
        expect('(');
        List<String> flags = new ArrayList<>();
        while (!consumeIf(')')) {
            if (!flags.isEmpty()) {
                sp();
            }
            flags.add(flag());
        }
        return flags;
    }

    public String flag() {
        if (consumeIf('\\')) {
            if (consumeIf('*')) {
                return "\\*";
            }
            return "\\" + atom();
        }
        return atom();
    }

    /** APPEND's date-time: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"} (day may be space-padded). */
    public OffsetDateTime dateTime() {
        if (peek() != '"') {
            throw new ImapSyntaxException("expected a quoted date-time");
        }
        String text = new String(quoted(), StandardCharsets.US_ASCII).trim();
        try {
            return OffsetDateTime.parse(text, DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new ImapSyntaxException("invalid date-time");
        }
    }

    /** SEARCH's date: {@code d-Mon-yyyy}, optionally quoted. */
    public LocalDate date() {
        String text = peek() == '"' ? new String(quoted(), StandardCharsets.US_ASCII) : readWhile(c -> c != ' ' && c != ')');
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw new ImapSyntaxException("invalid date");
        }
    }

    /** The rest of the command as text (for ID's and ENABLE's lenient handling). */
    public String rest() {
        String rest = new String(raw, position, raw.length - position, StandardCharsets.UTF_8);
        position = raw.length;
        return rest;
    }

    private byte[] quoted() {
        expect('"');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            if (atEnd()) {
                throw new ImapSyntaxException("unterminated quoted string");
            }
            int c = raw[position++] & 0xff;
            if (c == '"') {
                return out.toByteArray();
            }
            if (c == '\\') {
                if (atEnd()) {
                    throw new ImapSyntaxException("unterminated quoted string");
                }
                c = raw[position++] & 0xff;
                if (c != '"' && c != '\\') {
                    throw new ImapSyntaxException("invalid escape in quoted string");
                }
            } else if (c == '\r' || c == '\n' || c == 0) {
                throw new ImapSyntaxException("invalid character in quoted string");
            }
            out.write(c);
        }
    }

    private byte[] literal() {
        expect('{');
        long size = number();
        consumeIf('+');
        consumeIf('-');
        expect('}');
        expect('\r');
        expect('\n');
        if (raw.length - position < size) {
            throw new ImapSyntaxException("truncated literal");
        }
        byte[] bytes = java.util.Arrays.copyOfRange(raw, position, position + (int) size);
        position += (int) size;
        return bytes;
    }

    private interface CharTest {
        boolean test(int c);
    }

    private String readWhile(CharTest test) {
        int start = position;
        while (position < raw.length && test.test(raw[position] & 0xff)) {
            position++;
        }
        return new String(raw, start, position - start, StandardCharsets.UTF_8);
    }

    /** Local time zone of dates in SEARCH (RFC 9051 disregards time and zone; the server's zone is UTC). */
    public static final ZoneOffset SEARCH_ZONE = ZoneOffset.UTC;
}
