package io.mailfleet.auth.lockout;

import io.mailfleet.auth.geoip.GeoIp;
import io.mailfleet.auth.geoip.Origin;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Notices unusual good logins of an account, the way a leaked app password shows:
 * <ul>
 * <li>an unusual number of client IPs within a window (a botnet): the IPs of the current window are a Redis
 * set, the alert is raised once per window;</li>
 * <li>with a GeoIP database ({@code MAILFLEET_GEOIP_DB}), a country or an autonomous system the account has not
 * logged in from during {@code origin-memory}: the known ones are Redis sets, renewed by every good login. The
 * account's first located login only teaches them.</li>
 * </ul>
 */
@ApplicationScoped
public class UnusualLogins {

    private static final String PREFIX = "mailfleet:auth:";

    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveKeyCommands<String> keys;
    private final ReactiveValueCommands<String, String> values;
    private final UnusualLoginConfig config;
    private final GeoIp geoIp;

    public UnusualLogins(ReactiveRedisDataSource redis, UnusualLoginConfig config, GeoIp geoIp) {
        this.sets = redis.set(String.class);
        this.keys = redis.key();
        this.values = redis.value(String.class);
        this.config = config;
        this.geoIp = geoIp;
    }

    /** Records a good login; returns why it is unusual ("many client IPs", "new country FR", "new network AS64500"), if it is. */
    public Uni<List<String>> recordSuccess(String accountId, String clientIp) {
        if (clientIp == null || clientIp.isBlank()) {
            return Uni.createFrom().item(List.of());
        }
        Origin origin = geoIp.lookup(clientIp);
        return Uni.combine().all()
                .unis(ipBurst(accountId, clientIp),
                        firstSeen(PREFIX + "login-countries:" + accountId, origin.country(), "new country "),
                        firstSeen(PREFIX + "login-asns:" + accountId, origin.asn() == null ? null : origin.asn().toString(), "new network AS"))
                .with(reasons -> {
                    List<String> unusual = new ArrayList<>();
                    for (Object reason : reasons) {
                        if (reason instanceof String text && !text.isEmpty()) {
                            unusual.add(text);
                        }
                    }
                    return List.copyOf(unusual);
                });
    }

    /** "many client IPs" exactly once per window when the account crosses the threshold, else "". */
    private Uni<String> ipBurst(String accountId, String clientIp) {
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
                                : Uni.createFrom().item(false)))
                .map(alert -> alert ? "many client IPs" : "");
    }

    /** {@code reason + value} when the set already knew other values but not this one, else "". */
    private Uni<String> firstSeen(String key, String value, String reason) {
        if (value == null) {
            return Uni.createFrom().item("");
        }
        return sets.scard(key).flatMap(known -> sets.sadd(key, value)
                .call(() -> keys.pexpire(key, config.originMemory()))
                .map(added -> known > 0 && added == 1 ? reason + value : ""));
    }
}
