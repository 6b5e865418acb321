package io.mailfleet.auth.lockout;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.keys.RedisKeyNotFoundException;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Failure counters and locks in Redis. A counter starts with the window as its expiry ({@code SET NX PX})
 * and is then only incremented, so a burst of failures can never leave a counter without expiry.
 */
@ApplicationScoped
public class LoginLockout {

    private static final String PREFIX = "mailfleet:auth:";

    /** What was locked by a failure, for the audit trail. */
    public enum Scope { ACCOUNT, IP }

    /** Zero when nothing is locked. */
    public record Lock(long retryAfterSeconds) {
        public boolean locked() {
            return retryAfterSeconds > 0;
        }
    }

    private record Limit(Scope scope, String subject, int maxFailures, Duration window, Duration duration) {
        String failures() {
            return PREFIX + "failures:" + scope.name().toLowerCase() + ":" + subject;
        }

        String lock() {
            return PREFIX + "lock:" + scope.name().toLowerCase() + ":" + subject;
        }
    }

    private final ReactiveKeyCommands<String> keys;
    private final ReactiveValueCommands<String, String> strings;
    private final ReactiveValueCommands<String, Long> counters;
    private final LockoutConfig config;

    public LoginLockout(ReactiveRedisDataSource redis, LockoutConfig config) {
        this.keys = redis.key();
        this.strings = redis.value(String.class);
        this.counters = redis.value(Long.class);
        this.config = config;
    }

    /** The longer of the account's and the IP's remaining lock. */
    public Uni<Lock> check(String username, String clientIp) {
        List<Limit> limits = limits(username, clientIp);
        if (limits.isEmpty()) {
            return Uni.createFrom().item(new Lock(0));
        }
        return Uni.join().all(limits.stream().map(this::remainingMillis).toList()).andFailFast()
                .map(ttls -> new Lock(ttls.stream().mapToLong(LoginLockout::ceilSeconds).max().orElse(0)));
    }

    /**
     * Counts a failure for the username (unless empty: nothing usable was sent) and the IP; returns the
     * scopes this failure locked.
     */
    public Uni<List<Scope>> recordFailure(String username, String clientIp) {
        List<Limit> limits = limits(username, clientIp);
        if (limits.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(limits.stream().map(this::count).toList()).andFailFast()
                .map(results -> {
                    List<Scope> locked = new ArrayList<>();
                    for (int i = 0; i < limits.size(); i++) {
                        if (results.get(i)) {
                            locked.add(limits.get(i).scope());
                        }
                    }
                    return locked;
                });
    }

    /** A good login forgets the account's failures (not the IP's: one good account does not clear a sprayer). */
    public Uni<Void> recordSuccess(String username) {
        return keys.del(accountLimit(username).failures()).replaceWithVoid();
    }

    private Uni<Boolean> count(Limit limit) {
        return strings.set(limit.failures(), "0", new SetArgs().nx().px(limit.window()))
                .flatMap(ignored -> counters.incr(limit.failures()))
                .flatMap(failures -> {
                    if (failures < limit.maxFailures()) {
                        return Uni.createFrom().item(false);
                    }
                    return strings.set(limit.lock(), "1", new SetArgs().px(limit.duration()))
                            .flatMap(ignored -> keys.del(limit.failures()))
                            .replaceWith(true);
                });
    }

    private List<Limit> limits(String username, String clientIp) {
        List<Limit> limits = new ArrayList<>(2);
        if (!username.isEmpty()) {
            limits.add(accountLimit(username));
        }
        if (clientIp != null && !clientIp.isBlank()) {
            var ip = config.ip();
            limits.add(new Limit(Scope.IP, clientIp, ip.maxFailures(), ip.window(), ip.duration()));
        }
        return limits;
    }

    private Limit accountLimit(String username) {
        var account = config.account();
        return new Limit(Scope.ACCOUNT, username, account.maxFailures(), account.window(), account.duration());
    }

    /** Milliseconds the lock still holds; 0 when there is none (the client reports a missing key as a failure). */
    private Uni<Long> remainingMillis(Limit limit) {
        return keys.pttl(limit.lock()).onFailure(RedisKeyNotFoundException.class).recoverWithItem(0L);
    }

    /** PTTL is -2 for a missing key and -1 for one without expiry (which a lock never is). */
    private static long ceilSeconds(long pttlMillis) {
        return pttlMillis <= 0 ? 0 : (pttlMillis + 999) / 1000;
    }
}
