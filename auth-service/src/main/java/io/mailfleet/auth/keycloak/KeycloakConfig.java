package io.mailfleet.auth.keycloak;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code mailfleet.keycloak.*} (env {@code MAILFLEET_KEYCLOAK_URL}, {@code _ADMIN_USER},
 * {@code _ADMIN_PASSWORD}); the operator client's secret is {@code MAILFLEET_OPERATOR_SECRET}.
 */
@ConfigMapping(prefix = "mailfleet.keycloak")
public interface KeycloakConfig {

    @WithDefault("http://127.0.0.1:8180")
    String url();

    @WithDefault("admin")
    String adminUser();

    /** The {@code master} realm admin's password; without it the realm cannot be set up. */
    Optional<String> adminPassword();

    @WithDefault("mailfleet")
    String realm();

    /** Secret of the confidential client {@code mailfleet-operator}; without it that client gets none and is disabled. */
    Optional<String> operatorSecret();

    /** How often the realm set-up is retried while Keycloak is unreachable. */
    @WithDefault("10s")
    Duration setupRetry();

    Brute bruteForce();

    interface Brute {
        @WithDefault("5")
        int failures();

        @WithDefault("15m")
        Duration lockout();
    }
}
