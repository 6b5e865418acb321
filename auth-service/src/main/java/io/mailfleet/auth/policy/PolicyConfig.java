package io.mailfleet.auth.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code mailfleet.policy.*}: how large a tenant's policy may be. */
@ConfigMapping(prefix = "mailfleet.policy")
public interface PolicyConfig {

    /** Entries of each list (IP allow/deny, sender allow/block): the gateways hold them in memory. */
    @WithDefault("1000")
    int maxListEntries();

    /** Spam thresholds lie within ±this; spam-filter scores are sums of rule scores, far below it. */
    @WithDefault("1000")
    double maxAbsoluteScore();

    @WithDefault("1000000")
    int maxMessagesPerDay();

    @WithDefault("100000")
    int maxRecipientsPerMessage();
}
