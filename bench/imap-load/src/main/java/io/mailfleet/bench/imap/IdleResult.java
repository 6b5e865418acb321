package io.mailfleet.bench.imap;

import java.util.Locale;

/**
 * What an idle run measured: sessions that reached IDLE, failures, how many still answered DONE after the
 * hold, setup time, and the server's memory before and after (null without --server-pid).
 */
record IdleResult(int idling, int failed, int aliveAfterHold, long setupNanos, ServerMemory.Sample before,
                  ServerMemory.Sample after, String firstError) {

    String report(LoadOptions options) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "imap-load idle: %d sessions to %s:%d (tls=%s) in %s, %d setup threads, held %d s%n"
                        + "in IDLE %d, failed %d, still answering DONE after the hold %d, setup %.1f s (%.0f sessions/s)%n",
                options.sessions(), options.host(), options.port(), options.tls(), options.idleMailbox(), options.setupThreads(),
                options.holdSeconds(),
                idling, failed, aliveAfterHold, setupNanos / 1e9, idling / (setupNanos / 1e9)));
        if (firstError != null) {
            out.append("first failure: ").append(firstError).append('\n');
        }
        if (before != null && after != null && idling > 0) {
            out.append(String.format(Locale.ROOT, "server RSS %d -> %d MiB: %.1f KiB per idle session%n",
                    before.rssKiB() / 1024, after.rssKiB() / 1024, (after.rssKiB() - before.rssKiB()) / (double) idling));
            if (before.heapUsedKiB() >= 0 && after.heapUsedKiB() >= 0) {
                out.append(String.format(Locale.ROOT, "server heap after full GC %d -> %d MiB: %.1f KiB per idle session%n",
                        before.heapUsedKiB() / 1024, after.heapUsedKiB() / 1024,
                        (after.heapUsedKiB() - before.heapUsedKiB()) / (double) idling));
            }
        }
        return out.toString();
    }
}
