package io.mailfleet.mailstore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.OptionalLong;

/** Defaults the mailstore applies when it creates an account's row itself (first delivery). */
@ConfigMapping(prefix = "mailfleet.mailstore")
public interface MailstoreConfig {

    /** Quota given to an account created on first delivery; auth-service can set another with MailAccounts.setQuota. */
    Quota defaultQuota();

    interface Quota {
        /** Bytes an account may hold; absent means unlimited. */
        @WithDefault("10737418240")
        OptionalLong bytes();

        /** Messages an account may hold; absent means unlimited. */
        @WithDefault("1000000")
        OptionalLong messages();
    }
}
