package io.mailfleet.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Retry behaviour of local delivery. */
@ConfigMapping(prefix = "mailfleet.delivery")
public interface DeliveryConfig {

    /** Accounts over quota: how long to keep trying before the message is bounced for them. */
    QuotaRetry quota();

    /** Infrastructure failures (database, directory, broker): retried without limit, never dead-lettered. */
    Backoff transientRetry();

    interface QuotaRetry {
        /**
         * The record's partition waits while this runs, so it is kept short; longer deferral needs a
         * delay topic (see docs/mailstore.md).
         */
        @WithDefault("2M")
        Duration retryFor();

        @WithDefault("5S")
        Duration initialBackoff();

        @WithDefault("30S")
        Duration maxBackoff();
    }

    interface Backoff {
        @WithDefault("200MS")
        Duration initialBackoff();

        @WithDefault("30S")
        Duration maxBackoff();
    }
}
