package io.mailfleet.infra;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: the only way infrastructure waits for readiness. */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(100);

    private Await() {
    }

    /**
     * @param failure checked after each unsuccessful poll: a non-null message ends the wait at once
     *                (for example a child process that died)
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            String failed = failure.get();
            if (failed != null) {
                throw new InfrastructureException(what + " failed: " + failed);
            }
            if (System.nanoTime() > deadline) {
                throw new InfrastructureException(what + " not ready within " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> null);
    }
}
