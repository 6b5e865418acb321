package io.mailfleet.delivery.local;

import io.mailfleet.events.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The header lines local delivery puts in front of a stored message for one recipient: {@code Delivered-To:}
 * (RFC 9228; also what loop detection looks for) and the spam verdict in the SpamAssassin form that
 * clients and Sieve filters understand. Values from outside are reduced to printable ASCII without
 * CR/LF so nobody can inject header lines.
 */
final class DeliveryHeaders {

    private static final int FOLD_AT = 76;

    private DeliveryHeaders() {
    }

    static byte[] prefix(String deliveredTo, Verdict verdict) {
        StringBuilder headers = new StringBuilder();
        headers.append("Delivered-To: ").append(clean(deliveredTo)).append("\r\n");
        if (verdict != null) {
            boolean spam = verdict.action() != Verdict.Action.DELIVER;
            String score = String.format(Locale.ROOT, "%.1f", verdict.score());
            headers.append("X-Spam-Flag: ").append(spam ? "YES" : "NO").append("\r\n");
            headers.append("X-Spam-Score: ").append(score).append("\r\n");
            String tests = verdict.symbols().stream().map(symbol -> clean(symbol.name()).replace(",", "")).collect(Collectors.joining(","));
            headers.append(fold("X-Spam-Status: " + (spam ? "Yes" : "No") + ", score=" + score + " action="
                    + verdict.action().name().toLowerCase(Locale.ROOT) + (tests.isEmpty() ? "" : " tests=" + tests)));
        }
        return headers.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Printable ASCII only: no CR/LF (header injection), no 8-bit bytes in a header we write. */
    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("[^\\x21-\\x7E ]", "?").strip();
    }

    /** Folds after commas so no line passes 76 characters (RFC 5322 2.1.1 recommends 78). */
    private static String fold(String line) {
        StringBuilder folded = new StringBuilder();
        int lineLength = 0;
        for (String piece : line.split("(?<=,)")) {
            if (lineLength > 0 && lineLength + piece.length() > FOLD_AT) {
                folded.append("\r\n\t");
                lineLength = 1;
            }
            folded.append(piece);
            lineLength += piece.length();
        }
        return folded.append("\r\n").toString();
    }
}
