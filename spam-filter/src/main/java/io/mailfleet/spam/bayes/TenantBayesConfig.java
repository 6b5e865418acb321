package io.mailfleet.spam.bayes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code mailfleet.spam.bayes.*} for the tenant models' ageing (the global model's keys are in {@code SpamFilterConfig.Bayes},
 * which spam-eval implements by hand without a config source).
 */
@ConfigMapping(prefix = "mailfleet.spam.bayes")
public interface TenantBayesConfig {

    /** A tenant model's tokens not learned for this long are deleted (SpamAssassin's bayes_expiry ages tokens too). */
    @WithDefault("180d")
    Duration tokenMaxAge();

    /**
     * Tokens a tenant model keeps at most; beyond that, the least recently learned go. Bounds each tenant's share of schema
     * bayes; SpamAssassin's bayes_expiry_max_db_size is 150000 as well.
     */
    @WithDefault("150000")
    int maxTokensPerTenant();

    /**
     * How often tenant models are aged. Every replica does it (they all cut at the same rows); a run reads every tenant's
     * token index once, so not more often than the ages need.
     */
    @WithDefault("12h")
    Duration expiryInterval();
}
