package io.mailfleet.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What a client's SASL response says: who it is, who it wants to act as, and its secret (a password or a
 * bearer token). Whether the secret is worth anything is for auth-service to decide; the gateways (SMTP
 * AUTH, IMAP AUTHENTICATE, POP3 AUTH) only decode.
 *
 * @param authorizationId the identity to act as; empty when the client names none (the usual case)
 */
public record SaslCredentials(String authorizationId, String username, String secret) {

    private static final String BEARER = "auth=Bearer ";

    public SaslCredentials {
        authorizationId = authorizationId == null ? "" : authorizationId;
    }

    public static SaslCredentials of(String username, String secret) {
        return new SaslCredentials("", username, secret);
    }

    /** The client asks to act as someone else, which no gateway offers. */
    public boolean impersonates() {
        return !authorizationId.isEmpty() && !authorizationId.equals(username);
    }

    @Override
    public String toString() {
        return "SaslCredentials[username=" + username + "]"; // never the secret
    }

    /** Base64 of a client response; empty on bad base64. {@code "="} is the empty response (RFC 4954 4, RFC 9051 6.2.2). */
    public static Optional<String> decode(String base64) {
        String trimmed = base64.trim();
        if (trimmed.equals("=")) {
            return Optional.of("");
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(trimmed), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** PLAIN (RFC 4616): {@code authzid NUL authcid NUL passwd}; callers refuse {@link #impersonates()}. */
    public static Optional<SaslCredentials> plain(String response) {
        String[] parts = response.split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SaslCredentials(parts[0], parts[1], parts[2]));
    }

    /** XOAUTH2 (Google): {@code user=U ^A auth=Bearer T ^A ^A}. */
    public static Optional<SaslCredentials> xoauth2(String response) {
        String user = null;
        String token = null;
        for (String field : response.split("\u0001")) {
            if (field.startsWith("user=")) {
                user = field.substring(5);
            } else if (field.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                token = field.substring(BEARER.length());
            }
        }
        return bearer(user, token);
    }

    /**
     * OAUTHBEARER (RFC 7628 3.1): a GS2 header {@code n,a=U,} then {@code ^A}-separated key=value pairs with
     * {@code auth=Bearer T}, ending in {@code ^A^A}. The authzid is required here: it is how the user is named
     * (a token alone would have to be introspected first, which is auth-service's job, not the gateway's).
     */
    public static Optional<SaslCredentials> oauthBearer(String response) {
        String[] fields = response.split("\u0001");
        if (fields.length < 2 || !(fields[0].startsWith("n,") || fields[0].startsWith("y,"))) {
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
            if (fields[i].regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                token = fields[i].substring(BEARER.length());
            }
        }
        return bearer(user, token);
    }

    /**
     * The server's challenge after a refused bearer token (RFC 7628 3.2.2; Google's XOAUTH2 sends the same JSON),
     * base64: the client answers it with a dummy response before the failure.
     */
    public static String bearerErrorChallenge() {
        String json = "{\"status\":\"invalid_token\",\"schemes\":\"bearer\",\"scope\":\"email\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<SaslCredentials> bearer(String user, String token) {
        return user == null || user.isEmpty() || token == null || token.isBlank()
                ? Optional.empty() : Optional.of(of(user, token.trim()));
    }
}
