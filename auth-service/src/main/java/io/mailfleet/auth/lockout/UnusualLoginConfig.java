package io.mailfleet.auth.lockout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code mailfleet.auth.unusual-login.*}: when good logins of one account raise an alert. */
@ConfigMapping(prefix = "mailfleet.auth.unusual-login")
public interface UnusualLoginConfig {

    /** More distinct client IPs than this within the window is unusual. */
    @WithDefault("5")
    int distinctIps();

    @WithDefault("1h")
    Duration window();

    /** With GeoIP: how long the countries and networks an account logged in from are remembered as usual. */
    @WithDefault("90d")
    Duration originMemory();
}
