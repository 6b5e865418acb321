package io.mailfleet.auth.internal;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * {@code mailfleet.internal.*}. {@code token} (env {@code MAILFLEET_INTERNAL_TOKEN}) is the bearer token
 * gateways and workers present; without it the internal API refuses every call.
 */
@ConfigMapping(prefix = "mailfleet.internal")
public interface InternalApiConfig {

    Optional<String> token();
}
