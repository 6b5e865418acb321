package io.mailfleet.auth.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code mailfleet.audit.*} */
@ConfigMapping(prefix = "mailfleet.audit")
public interface AuditConfig {

    /** Events older than this are purged. */
    @WithDefault("60d")
    Duration retention();

    /** How often the purge runs: a duration such as {@code 1h}, or {@code off} (read by the scheduler). */
    @WithDefault("1h")
    String purgeEvery();

    /** Most events one query returns. */
    @WithDefault("1000")
    int maxPageSize();
}
