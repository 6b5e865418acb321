package io.mailfleet.spam.verdict;

import io.mailfleet.events.Verdict;

import java.util.Locale;
import java.util.stream.Collectors;

/** X-Spam-Status and X-Spam-Score in the form SpamAssassin made familiar, so existing client rules keep working. */
public final class SpamHeaders {

    private SpamHeaders() {
    }

    public static String render(Verdict verdict, double required) {
        boolean spam = verdict.action() != Verdict.Action.DELIVER;
        String tests = verdict.symbols().stream().map(Verdict.Symbol::name).distinct().collect(Collectors.joining(","));
        String status = (spam ? "Yes" : "No") + ", score=" + format(verdict.score()) + " required=" + format(required)
                + "\r\n\ttests=" + (tests.isEmpty() ? "none" : tests)
                + "\r\n\taction=" + verdict.action().name().toLowerCase(Locale.ROOT);
        return "X-Spam-Status: " + status + "\r\nX-Spam-Score: " + format(verdict.score()) + "\r\n";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
