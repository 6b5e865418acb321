package io.mailfleet.auth.signup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code mailfleet.captcha.*}: the proof-of-work challenge guarding the self-service endpoints. */
@ConfigMapping(prefix = "mailfleet.captcha")
public interface CaptchaConfig {

    /** Leading zero bits of SHA-256(challenge ":" solution): 18 ≈ 260 000 hashes, well under a second in a browser. */
    @WithDefault("18")
    int difficultyBits();

    /** A challenge must be solved and used within this time. */
    @WithDefault("5m")
    Duration ttl();

    /**
     * Self-service requests other than sign-up need a solved challenge once a client IP has this many failures
     * (sign-up always needs one).
     */
    @WithDefault("3")
    int freeFailures();

    /** A client IP's failures are forgotten this long after its first one. */
    @WithDefault("15m")
    Duration failureWindow();
}
