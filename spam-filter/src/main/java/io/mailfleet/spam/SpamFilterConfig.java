package io.mailfleet.spam;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code mailfleet.spam.*}: how the filter names itself and how it turns a score into an action. */
@ConfigMapping(prefix = "mailfleet.spam")
public interface SpamFilterConfig {

    /**
     * The authserv-id of our Authentication-Results headers (RFC 8601 §2.5), normally the host name of the MX. Incoming A-R
     * headers that claim it are forged and removed.
     */
    @WithDefault("mx.mailfleet.local")
    String authservId();

    Dkim dkim();

    interface Dkim {

        /** Signatures verified per message; more are reported as not checked, so a flood of them cannot cost unbounded work. */
        @WithDefault("5")
        int maxSignatures();

        /** Tolerance for the signer's clock on t= and x=. */
        @WithDefault("5m")
        java.time.Duration clockSkew();
    }
}
