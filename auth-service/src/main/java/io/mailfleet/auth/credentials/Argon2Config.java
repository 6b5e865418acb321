package io.mailfleet.auth.credentials;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code mailfleet.credentials.argon2.*}: cost of the Argon2id hashes of app passwords. The defaults are
 * OWASP's second recommended profile (19 MiB, 2 passes, 1 lane); stored hashes carry their own
 * parameters, so raising them later does not lock anybody out.
 */
@ConfigMapping(prefix = "mailfleet.credentials.argon2")
public interface Argon2Config {

    @WithDefault("19456")
    int memoryKib();

    @WithDefault("2")
    int iterations();

    @WithDefault("1")
    int parallelism();
}
