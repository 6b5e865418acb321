package io.mailfleet.sasl;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The SASL mechanisms Mailfleet's gateways offer; all but LOGIN take one client response. */
public enum SaslMechanism {
    PLAIN(SaslCredentials::plain),
    LOGIN(null),
    XOAUTH2(SaslCredentials::xoauth2),
    OAUTHBEARER(SaslCredentials::oauthBearer);

    private final Function<String, Optional<SaslCredentials>> parser;

    SaslMechanism(Function<String, Optional<SaslCredentials>> parser) {
        this.parser = parser;
    }

    /** The mechanism a client named, case-insensitively; empty when it is not one of ours. */
    public static Optional<SaslMechanism> of(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The secret is an OAuth 2.0 bearer token (and a refusal is preceded by {@link SaslCredentials#bearerErrorChallenge()}). */
    public boolean bearer() {
        return this == XOAUTH2 || this == OAUTHBEARER;
    }

    /**
     * The credentials in a single-step mechanism's decoded response; empty when malformed.
     *
     * @throws UnsupportedOperationException for LOGIN, whose username and password come in two steps
     */
    public Optional<SaslCredentials> credentials(String response) {
        if (parser == null) {
            throw new UnsupportedOperationException(this + " takes two responses");
        }
        return parser.apply(response);
    }
}
