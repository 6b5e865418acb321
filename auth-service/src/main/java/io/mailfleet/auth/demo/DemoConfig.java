package io.mailfleet.auth.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * {@code mailfleet.demo.*}: the local stack's ready-to-use mailbox. Only when {@code app-password}
 * (env {@code MAILFLEET_DEMO_APP_PASSWORD}) is set; never in production.
 */
@ConfigMapping(prefix = "mailfleet.demo")
public interface DemoConfig {

    Optional<String> appPassword();

    @WithDefault("example.test")
    String domain();

    @WithDefault("demo")
    String localPart();
}
