package io.mailfleet.auth.passwordreset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code mailfleet.password-reset.*}: the self-service password reset. */
@ConfigMapping(prefix = "mailfleet.password-reset")
public interface PasswordResetConfig {

    /** A reset token must be used within this time. */
    @WithDefault("30m")
    Duration tokenTtl();

    /** The From: of the reset message; default {@code no-reply@} + {@code mailfleet.public.web-host}. */
    Optional<String> sender();
}
