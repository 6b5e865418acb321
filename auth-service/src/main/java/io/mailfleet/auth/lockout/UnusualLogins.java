package io.mailfleet.auth.lockout;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Notices an account logging in successfully from an unusual number of client IPs (a leaked app
 * password used by a botnet looks like this). The IPs of the current window are a Redis set; the alert
 * is raised once per window. Country/ASN changes would need a GeoIP database, which is not shipped.
 */
@ApplicationScoped
public class UnusualLogins {

    private static final String PREFIX = "mailfleet:auth:";

    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveKeyCommands<String> keys;
    private final ReactiveValueCommands<String, String> values;
    private final UnusualLoginConfig config;

    public UnusualLogins(ReactiveRedisDataSource redis, UnusualLoginConfig config) {
        this.sets = redis.set(String.class);
        this.keys = redis.key();
        this.values = redis.value(String.class);
        this.config = config;
    }

    /** Records a good login; true exactly once per window when the account crosses the IP threshold. */
    public Uni<Boolean> recordSuccess(String accountId, String clientIp) {
        if (clientIp == null || clientIp.isBlank()) {
            return Uni.createFrom().item(false);
        }
        String ips = PREFIX + "login-ips:" + accountId;
        String alerted = PREFIX + "unusual-alerted:" + accountId;
        return sets.sadd(ips, clientIp)
                .flatMap(added -> sets.scard(ips))
                // the window starts with the set's first IP (Redis 6.2 has no EXPIRE NX)
                .call(count -> count == 1 ? keys.pexpire(ips, config.window()) : Uni.createFrom().item(true))
                .flatMap(count -> count <= config.distinctIps()
                        ? Uni.createFrom().item(false)
                        : values.setnx(alerted, "1").call(first -> first
                                ? keys.pexpire(alerted, config.window())
                                : Uni.createFrom().item(false)));
    }
}
