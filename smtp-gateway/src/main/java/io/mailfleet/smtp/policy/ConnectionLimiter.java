package io.mailfleet.smtp.policy;

import io.mailfleet.smtp.SmtpConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open connections per client IP and in total on this replica; a connection over either limit is
 * told 421 and closed before it costs anything. (Concurrency is naturally per replica; the daily
 * message counters that must be global live in Redis, see {@link SendingRateLimiter}.)
 */
@ApplicationScoped
public class ConnectionLimiter {

    private final ConcurrentHashMap<String, AtomicInteger> perIp = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final SmtpConfig.Limits limits;
    private volatile boolean draining;

    public ConnectionLimiter(SmtpConfig config) {
        this.limits = config.limits();
    }

    /** Takes a slot for the IP; false (and nothing taken) when a limit is reached. */
    public boolean tryAcquire(String ip) {
        if (total.incrementAndGet() > limits.maxConnections()) {
            total.decrementAndGet();
            return false;
        }
        boolean[] admitted = {false};
        perIp.compute(ip, (key, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            if (current.get() < limits.maxConnectionsPerIp()) {
                current.incrementAndGet();
                admitted[0] = true;
            }
            return current.get() == 0 ? null : current;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
        }
        return admitted[0];
    }

    public void release(String ip) {
        total.decrementAndGet();
        perIp.computeIfPresent(ip, (key, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    /** Shutdown has begun: new connections are turned away, open ones may finish. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    public int open() {
        return total.get();
    }
}
