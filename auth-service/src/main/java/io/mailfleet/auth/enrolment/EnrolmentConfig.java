package io.mailfleet.auth.enrolment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code mailfleet.enrolment.*}: the single-use setup tokens new people enrol their TOTP with. */
@ConfigMapping(prefix = "mailfleet.enrolment")
public interface EnrolmentConfig {

    @WithDefault("7d")
    Duration tokenTtl();

    /** Wrong confirmation codes before the token is burnt (an operator then issues a new account). */
    @WithDefault("5")
    int maxAttempts();

    /** The issuer authenticator apps show. */
    @WithDefault("Mailfleet")
    String issuer();
}
