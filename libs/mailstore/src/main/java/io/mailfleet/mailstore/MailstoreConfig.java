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
        /** Bytes an account may hold; 0 means unlimited. */
        @WithDefault("10737418240")
        long bytes();

        /** Messages an account may hold; 0 means unlimited. */
        @WithDefault("1000000")
        long messages();

        default OptionalLong bytesLimit() {
            return bytes() > 0 ? OptionalLong.of(bytes()) : OptionalLong.empty();
        }

        default OptionalLong messagesLimit() {
            return messages() > 0 ? OptionalLong.of(messages()) : OptionalLong.empty();
        }
    }
}
