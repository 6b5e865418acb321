package io.mailfleet.spam.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 6376 §3.4 canonicalization of header fields and bodies. */
enum Canonicalization {
    SIMPLE, RELAXED;

    static Canonicalization of(String token) {
        return switch (token) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> throw DkimException.permanent("unknown canonicalization " + token);
        };
    }

    /** One header field (raw, with its final CRLF) in canonical form, ending in CRLF. */
    String header(String raw) {
        if (this == SIMPLE) {
            return raw.endsWith("\r\n") ? raw : raw.replaceAll("\r?\n?$", "") + "\r\n";
        }
        int colon = raw.indexOf(':');
        // only SP and HTAB are whitespace here: String.strip() would also eat octets such as 0x85 inside UTF-8 text
        String name = trimWsp(raw.substring(0, colon)).toLowerCase(java.util.Locale.ROOT);
        String value = trimWsp(raw.substring(colon + 1)
                .replaceAll("\r?\n", "")
                .replaceAll("[ \t]+", " "));
        return name + ":" + value + "\r\n";
    }

    private static String trimWsp(String text) {
        return text.replaceAll("^[ \t]+|[ \t]+$", "");
    }

    /** The canonical body (§3.4.3, §3.4.4); line breaks are normalised to CRLF first. */
    byte[] body(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1).replaceAll("\r?\n", "\r\n");
        if (this == RELAXED) {
            text = text.replaceAll("[ \t]+\r\n", "\r\n").replaceAll("[ \t]+", " ");
            // a last line without CRLF loses its trailing whitespace too
            text = text.replaceAll("[ \t]+$", "");
        }
        if (!text.isEmpty() && !text.endsWith("\r\n")) {
            text = text + "\r\n";
        }
        while (text.endsWith("\r\n\r\n")) {
            text = text.substring(0, text.length() - 2);
        }
        if (this == SIMPLE && text.isEmpty()) {
            text = "\r\n";
        }
        if (this == RELAXED && text.equals("\r\n")) {
            text = "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
