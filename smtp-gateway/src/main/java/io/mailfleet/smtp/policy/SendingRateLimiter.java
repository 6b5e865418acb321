package io.mailfleet.smtp.policy;

import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.smtp.session.SmtpSession;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Counters in Redis, so that every replica counts into the same bucket: messages per sender and per
 * client IP per UTC day, connections per client IP per minute. A key lives a little longer than its
 * window and then expires on its own.
 *
 * <p>When Redis is unreachable the limiter lets mail through and logs it: a rate limit is abuse
 * protection, not a reason to bounce every sender while a cache is down.
 */
@ApplicationScoped
public class SendingRateLimiter {

    private static final Logger LOG = Logger.getLogger(SendingRateLimiter.class);
    private static final Duration KEY_LIFETIME = Duration.ofHours(25);

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final SmtpConfig.Limits limits;

    public SendingRateLimiter(ReactiveRedisDataSource redis, SmtpConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.limits = config.limits();
    }

    /**
     * Counts one message for the session's sender and client IP; false when either is over its daily limit
     * (the sender's limit may be its tenant's own, see {@link SenderLimits}).
     */
    public Uni<Boolean> allowMessage(SmtpSession session, String mailFrom) {
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        String sender = session.authenticated() != null ? session.authenticated().address() : mailFrom;
        Uni<Boolean> ipAllowed = count("smtp:rate:ip:" + session.clientIp() + ":" + day, limits.messagesPerIpPerDay());
        Uni<Boolean> allowed = sender == null || sender.isEmpty()
                ? ipAllowed // bounces (null sender) count only against the IP
                : Uni.combine().all().unis(ipAllowed, count("smtp:rate:sender:" + sender.toLowerCase(Locale.ROOT) + ":" + day,
                        SenderLimits.messagesPerDay(session, limits))).with((ip, from) -> ip && from);
        return allowed.onFailure().recoverWithItem(failure -> {
                    LOG.warnf("rate limit check failed, allowing the message: %s", failure.toString());
                    return true;
                });
    }

    /** Counts one connection for the IP in the current minute; false when over the per-minute limit. */
    public Uni<Boolean> allowConnection(String ip) {
        long minute = Instant.now().getEpochSecond() / 60;
        return count("smtp:rate:connections:" + ip + ":" + minute, limits.connectionsPerIpPerMinute(), Duration.ofMinutes(2))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("connection rate check failed, allowing the connection: %s", failure.toString());
                    return true;
                });
    }

    private Uni<Boolean> count(String key, int limit) {
        return count(key, limit, KEY_LIFETIME);
    }

    private Uni<Boolean> count(String key, int limit, Duration lifetime) {
        return counters.incr(key).call(value -> value == 1 ? keys.expire(key, lifetime) : Uni.createFrom().voidItem())
                .map(value -> value <= limit);
    }
}
