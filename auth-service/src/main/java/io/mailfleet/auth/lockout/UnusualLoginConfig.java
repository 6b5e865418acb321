package io.mailfleet.auth.lockout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code mailfleet.auth.unusual-login.*}: when good logins of one account from many IPs raise an alert. */
@ConfigMapping(prefix = "mailfleet.auth.unusual-login")
public interface UnusualLoginConfig {

    /** More distinct client IPs than this within the window is unusual. */
    @WithDefault("5")
    int distinctIps();

    @WithDefault("1h")
    Duration window();
}
