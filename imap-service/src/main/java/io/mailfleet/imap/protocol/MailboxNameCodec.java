package io.mailfleet.imap.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Mailbox names on the wire: UTF-8 for IMAP4rev2 / UTF8=ACCEPT sessions, RFC 3501 5.1.3 modified UTF-7
 * for IMAP4rev1 ({@code &} shifts into modified base64 of UTF-16, {@code ,} replaces {@code /},
 * {@code &-} is a literal ampersand). Stored names are always Unicode.
 */
public final class MailboxNameCodec {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private MailboxNameCodec() {
    }

    public static String encode(String name, boolean utf8) {
        return utf8 ? name : encodeModifiedUtf7(name);
    }

    public static String decode(String wire, boolean utf8) {
        return utf8 && !looksModifiedUtf7(wire) ? wire : decodeModifiedUtf7(wire);
    }

    /** A rev2 client may still send a name it got from a rev1 session; only unambiguous mUTF-7 is decoded then. */
    private static boolean looksModifiedUtf7(String wire) {
        return wire.contains("&") && wire.chars().allMatch(c -> c < 0x80) && tryDecode(wire) != null;
    }

    static String encodeModifiedUtf7(String name) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int start = i;
            while (i < name.length() && (name.charAt(i) < 0x20 || name.charAt(i) > 0x7e)) {
                i++;
            }
            byte[] utf16 = name.substring(start, i).getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
        }
        return out.toString();
    }

    static String decodeModifiedUtf7(String wire) {
        String decoded = tryDecode(wire);
        if (decoded == null) {
            throw new ImapSyntaxException("invalid modified UTF-7 mailbox name");
        }
        return decoded;
    }

    private static String tryDecode(String wire) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = wire.indexOf('-', i);
            if (end < 0) {
                return null;
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                try {
                    byte[] utf16 = DECODER.decode(wire.substring(i + 1, end).replace(',', '/'));
                    if (utf16.length % 2 != 0) {
                        return null;
                    }
                    out.append(StandardCharsets.UTF_16BE.decode(ByteBuffer.wrap(utf16)));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            i = end + 1;
        }
        return out.toString();
    }
}
