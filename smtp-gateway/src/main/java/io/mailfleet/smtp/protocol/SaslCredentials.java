package io.mailfleet.smtp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes the client responses of the SASL mechanisms the gateway offers into a username and a secret
 * (password or bearer token). What the secret is worth is for auth-service to decide.
 */
public record SaslCredentials(String username, String secret) {

    @Override
    public String toString() {
        return "SaslCredentials[username=" + username + "]"; // never the secret
    }

    /** Base64 of a client response; empty on bad base64. {@code "="} is the empty response (RFC 4954 4). */
    public static Optional<String> decode(String base64) {
        if (base64.equals("=")) {
            return Optional.of("");
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** PLAIN (RFC 4616): {@code authzid NUL authcid NUL passwd}; an authzid other than the authcid is refused. */
    public static Optional<SaslCredentials> plain(String response) {
        String[] parts = response.split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        if (!parts[0].isEmpty() && !parts[0].equals(parts[1])) {
            return Optional.empty();
        }
        return Optional.of(new SaslCredentials(parts[1], parts[2]));
    }

    /** XOAUTH2 (Google): {@code user=U ^A auth=Bearer T ^A ^A}. */
    public static Optional<SaslCredentials> xoauth2(String response) {
        String user = null;
        String token = null;
        for (String field : response.split("\u0001")) {
            if (field.startsWith("user=")) {
                user = field.substring(5);
            } else if (field.regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
                token = field.substring(12);
            }
        }
        return user == null || user.isEmpty() || token == null || token.isEmpty()
                ? Optional.empty() : Optional.of(new SaslCredentials(user, token));
    }

    /** OAUTHBEARER (RFC 7628 3.1): {@code n,a=U, ^A auth=Bearer T ^A ^A}; the authzid names the user. */
    public static Optional<SaslCredentials> oauthBearer(String response) {
        String[] fields = response.split("\u0001");
        if (fields.length < 2 || !fields[0].startsWith("n,")) {
            return Optional.empty();
        }
        String user = null;
        for (String attribute : fields[0].split(",")) {
            if (attribute.startsWith("a=")) {
                user = attribute.substring(2).replace("=2C", ",").replace("=3D", "=");
            }
        }
        String token = null;
        for (int i = 1; i < fields.length; i++) {
            if (fields[i].regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
                token = fields[i].substring(12);
            }
        }
        return user == null || user.isEmpty() || token == null || token.isEmpty()
                ? Optional.empty() : Optional.of(new SaslCredentials(user, token));
    }
}
