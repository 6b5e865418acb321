package io.mailfleet.auth.lockout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code mailfleet.auth.lockout.*}: failed logins counted per username and per client IP, across every
 * protocol and replica (the counters live in Redis).
 */
@ConfigMapping(prefix = "mailfleet.auth.lockout")
public interface LockoutConfig {

    Limit account();

    /** Generous enough for a NAT full of honest users, tight enough to stop spraying. */
    IpLimit ip();

    interface Limit {
        @WithDefault("5")
        int maxFailures();

        /** Failures older than this are forgotten. */
        @WithDefault("15m")
        Duration window();

        /** How long the lock lasts once the limit is reached. */
        @WithDefault("15m")
        Duration duration();
    }

    interface IpLimit {
        @WithDefault("20")
        int maxFailures();

        @WithDefault("15m")
        Duration window();

        @WithDefault("15m")
        Duration duration();
    }
}
