package io.mailfleet.imap.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** RFC 4616 PLAIN: base64 of {@code authzid NUL authcid NUL password}. Shared by IMAP AUTHENTICATE and POP3 AUTH. */
public record SaslPlain(String authorizationId, String username, String password) {

    /** Empty when the response is not base64 or not three NUL-separated fields. */
    public static Optional<SaslPlain> decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] parts = text.split("\u0000", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SaslPlain(parts[0], parts[1], parts[2]));
    }

    @Override
    public String toString() {
        return "SaslPlain[username=" + username + "]";
    }
}
