package io.mailfleet.spam.dmarc;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * {@code mailfleet.internal.token} (env {@code MAILFLEET_INTERNAL_TOKEN}): the shared service token that guards
 * {@code /internal/*}, the same one libs/directory-api sends to auth-service. Unset or blank: every internal call is refused.
 */
@ConfigMapping(prefix = "mailfleet.internal")
public interface InternalApiConfig {

    Optional<String> token();
}
