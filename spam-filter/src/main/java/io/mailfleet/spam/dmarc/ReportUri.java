package io.mailfleet.spam.dmarc;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code rua=}/{@code ruf=} destination we can mail: {@code mailto:address[!size]} (RFC 7489 §6.4:
 * {@code dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]}).
 *
 * @param maxBytes the largest report the domain owner accepts there ({@link Long#MAX_VALUE} when the URI names no limit)
 */
record ReportUri(String address, long maxBytes) {

    static final long UNLIMITED = Long.MAX_VALUE;

    // ABNF literals are case-insensitive (RFC 5234 §2.3), so "10M" is as valid as "10m"
    private static final Pattern SIZE = Pattern.compile("([0-9]+)([kmgt]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,!]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    /**
     * Empty for anything we do not send to: another scheme, no address, or a size that does not follow the grammar (a
     * letter other than k/m/g/t, no digits, a number beyond an unsigned 64-bit integer). Such a URI is not a dmarc-uri, and
     * a receiver uses only the syntactically valid URIs of a list (RFC 7489 §6.6.3 step 6 speaks of "at least one
     * syntactically valid reporting URI"); reading a bad size as "no limit" could flood a mailbox that asked for a cap.
     */
    static Optional<ReportUri> parse(String uri) {
        if (!uri.regionMatches(true, 0, "mailto:", 0, 7)) {
            return Optional.empty();
        }
        String rest = uri.substring(7).strip();
        // "!" inside the URI itself must be percent-encoded (§6.4), so the first one starts the size
        int bang = rest.indexOf('!');
        String address = (bang >= 0 ? rest.substring(0, bang) : rest).strip();
        if (!ADDRESS.matcher(address).matches()) {
            return Optional.empty();
        }
        if (bang < 0) {
            return Optional.of(new ReportUri(address, UNLIMITED));
        }
        Matcher size = SIZE.matcher(rest.substring(bang + 1).strip());
        if (!size.matches()) {
            return Optional.empty();
        }
        long count;
        try {
            count = Long.parseUnsignedLong(size.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty(); // §6.4: "the numeric portion MUST fit within an unsigned 64-bit integer"
        }
        return Optional.of(new ReportUri(address, bytes(count, size.group(2).toLowerCase(Locale.ROOT))));
    }

    /** §6.2: units are powers of two (k = 2^10 … t = 2^40); no unit means bytes. */
    private static long bytes(long count, String unit) {
        int shift = switch (unit) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        // an unsigned count above Long.MAX_VALUE, or one that overflows with its unit, is larger than any report
        if (count < 0 || count > (UNLIMITED >>> shift)) {
            return UNLIMITED;
        }
        return count << shift;
    }

    boolean accepts(long reportBytes) {
        return reportBytes <= maxBytes;
    }
}
