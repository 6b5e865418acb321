package io.mailfleet.spam.dmarc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code mailfleet.spam.dmarc.*}: how the policy and the organizational domain are found. */
@ConfigMapping(prefix = "mailfleet.spam.dmarc")
public interface DmarcDiscoveryConfig {

    /**
     * PSL (default): RFC 7489 — the From domain's record, else its organizational domain's from the Public Suffix List.
     * TREE_WALK: DMARCbis — the DNS tree walk (at most 8 lookups) finds both, honouring {@code psd=}; see docs/spam-filter.md
     * for why it is not the default yet.
     */
    @WithDefault("PSL")
    Discovery discovery();

    enum Discovery {
        PSL, TREE_WALK
    }
}
