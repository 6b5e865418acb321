package io.mailfleet.auth.directory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code mailfleet.directory.*}: limits of the directory and how addresses expand. */
@ConfigMapping(prefix = "mailfleet.directory")
public interface DirectoryConfig {

    /** Mailbox quota of a new account unless the request names one. */
    @WithDefault("1073741824")
    long defaultQuotaBytes();

    /** Members of one alias or distribution list. */
    @WithDefault("200")
    int maxAliasTargets();

    /** Aliases pointing at aliases: how deep expansion follows them (cycles stop earlier). */
    @WithDefault("5")
    int maxExpansionDepth();

    /** App passwords per account (one per device is the idea; verification tries each). */
    @WithDefault("20")
    int maxAppPasswords();

    /** The plus-addressing separator: {@code alice+news@} reaches {@code alice@}. */
    @WithDefault("+")
    char detailSeparator();

    /** Deliver {@code alice+news@} into alice's folder "news" (the delivery agent creates or falls back to INBOX). */
    @WithDefault("false")
    boolean detailAsFolder();
}
