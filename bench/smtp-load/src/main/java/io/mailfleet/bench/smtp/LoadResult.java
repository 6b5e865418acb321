package io.mailfleet.bench.smtp;

import java.util.Arrays;
import java.util.Locale;

/** What a load run measured: counts, wall time and end-of-DATA → 250 latencies. */
record LoadResult(int sent, int failed, long wallNanos, long[] latencyNanos) {

    double messagesPerSecond() {
        return sent / (wallNanos / 1e9);
    }

    /** The q-quantile (0..1) of the latencies in milliseconds, nearest-rank. */
    double latencyMillis(double q) {
        if (latencyNanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    String report(LoadOptions options) {
        return String.format(Locale.ROOT, "smtp-load: %d messages of %d bytes over %d connections to %s:%d%n"
                        + "sent %d, failed %d, %.1f s, %.1f messages/s%n"
                        + "end-of-DATA -> 250: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                options.messages(), options.size(), options.connections(), options.host(), options.port(),
                sent, failed, wallNanos / 1e9, messagesPerSecond(), latencyMillis(0.50), latencyMillis(0.99), latencyMillis(1.0));
    }
}
