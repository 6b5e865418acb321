package io.mailfleet.auth.dkim;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * {@code mailfleet.dkim.*}. {@code master-key} (env {@code MAILFLEET_DKIM_MASTER_KEY}): 32 bytes, Base64,
 * encrypting DKIM private keys at rest; without it no DKIM key can be created.
 */
@ConfigMapping(prefix = "mailfleet.dkim")
public interface DkimConfig {

    Optional<String> masterKey();
}
