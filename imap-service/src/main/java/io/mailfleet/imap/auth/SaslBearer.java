package io.mailfleet.imap.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The OAuth 2.0 bearer-token SASL mechanisms, shared by IMAP AUTHENTICATE and POP3 AUTH: OAUTHBEARER
 * (RFC 7628) and Google's XOAUTH2 that most clients still send. Both name the user and carry an access
 * token; whether the token is good is auth-service's call (it checks that the token's email is the user).
 */
public record SaslBearer(String username, String token) {

    public enum Mechanism {
        XOAUTH2, OAUTHBEARER;

        public static Optional<Mechanism> of(String name) {
            return switch (name.toUpperCase(Locale.ROOT)) {
                case "XOAUTH2" -> Optional.of(XOAUTH2);
                case "OAUTHBEARER" -> Optional.of(OAUTHBEARER);
                default -> Optional.empty();
            };
        }

        /** The client's initial response, base64; empty when it is not base64 or lacks the user or the token. */
        public Optional<SaslBearer> decode(String base64) {
            String response;
            try {
                response = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            return this == XOAUTH2 ? xoauth2(response) : oauthBearer(response);
        }

        /**
         * The server's error challenge after a refused token (RFC 7628 3.2.2; Google's XOAUTH2 sends the same
         * JSON): base64, sent as a continuation; the client answers with a dummy response before the failure.
         */
        public String errorChallenge() {
            String json = "{\"status\":\"invalid_token\",\"schemes\":\"bearer\",\"scope\":\"email\"}";
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** XOAUTH2: {@code user=U ^A auth=Bearer T ^A ^A}. */
    static Optional<SaslBearer> xoauth2(String response) {
        String user = null;
        String token = null;
        for (String field : response.split("\u0001")) {
            if (field.startsWith("user=")) {
                user = field.substring(5);
            } else if (field.regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
                token = field.substring(12);
            }
        }
        return of(user, token);
    }

    /**
     * OAUTHBEARER (RFC 7628 3.1): a GS2 header {@code n,a=U,} then {@code ^A}-separated key=value pairs with
     * {@code auth=Bearer T}, ending in {@code ^A^A}. The authzid is required here: it is how the user is named
     * (a token alone would have to be introspected first, which is auth-service's job, not the gateway's).
     */
    static Optional<SaslBearer> oauthBearer(String response) {
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
            if (fields[i].regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
                token = fields[i].substring(12);
            }
        }
        return of(user, token);
    }

    private static Optional<SaslBearer> of(String user, String token) {
        return user == null || user.isEmpty() || token == null || token.isBlank()
                ? Optional.empty() : Optional.of(new SaslBearer(user, token.trim()));
    }

    @Override
    public String toString() {
        return "SaslBearer[username=" + username + "]"; // never the token
    }
}
