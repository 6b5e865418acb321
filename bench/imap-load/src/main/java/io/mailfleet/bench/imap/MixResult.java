package io.mailfleet.bench.imap;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** What a mix run measured: per operation the count, refusals (NO/BAD) and latencies; the wall time. */
record MixResult(Map<Operation, long[]> latencyNanos, Map<Operation, Integer> refused, int brokenSessions, long wallNanos) {

    int completed() {
        return latencyNanos.values().stream().mapToInt(latencies -> latencies.length).sum();
    }

    int completed(Operation operation) {
        return latencyNanos.getOrDefault(operation, new long[0]).length;
    }

    double commandsPerSecond() {
        return completed() / (wallNanos / 1e9);
    }

    /** The q-quantile (0..1) of an operation's latencies in milliseconds, nearest-rank. */
    double latencyMillis(Operation operation, double q) {
        long[] latencies = latencyNanos.getOrDefault(operation, new long[0]);
        if (latencies.length == 0) {
            return Double.NaN;
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    String report(LoadOptions options) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "imap-load mix: %d commands over %d sessions to %s:%d (tls=%s), mix %s%n"
                        + "completed %d, refused %d, broken sessions %d, %.1f s, %.1f commands/s%n",
                options.commands(), options.connections(), options.host(), options.port(), options.tls(), options.mix(),
                completed(), refused.values().stream().mapToInt(Integer::intValue).sum(), brokenSessions,
                wallNanos / 1e9, commandsPerSecond()));
        out.append("| command | count | refused | p50 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Operation operation : Operation.values()) {
            if (completed(operation) > 0) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f |%n", operation, completed(operation),
                        refused.getOrDefault(operation, 0), latencyMillis(operation, 0.5), latencyMillis(operation, 0.99),
                        latencyMillis(operation, 1.0)));
            }
        }
        return out.toString();
    }

    static Map<Operation, long[]> emptyLatencies() {
        return new EnumMap<>(Operation.class);
    }
}
