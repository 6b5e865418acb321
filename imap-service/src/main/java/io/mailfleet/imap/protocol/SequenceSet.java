package io.mailfleet.imap.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * An IMAP sequence-set (RFC 9051 9: {@code 1,3:5,7:*}) of message sequence numbers or UIDs. {@code *}
 * stands for the largest number in use, known only when the set is applied, so ranges keep it as
 * {@link #STAR} until {@link #contains(long, long)} is asked with that number.
 */
public record SequenceSet(List<Range> ranges) {

    public static final long STAR = -1;

    public record Range(long from, long to) {

        long low(long star) {
            return Math.min(value(from, star), value(to, star));
        }

        long high(long star) {
            return Math.max(value(from, star), value(to, star));
        }

        private static long value(long number, long star) {
            return number == STAR ? star : number;
        }
    }

    public static SequenceSet parse(String text) {
        if (text.isEmpty()) {
            throw new ImapSyntaxException("empty sequence set");
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                long n = number(part);
                ranges.add(new Range(n, n));
            } else {
                ranges.add(new Range(number(part.substring(0, colon)), number(part.substring(colon + 1))));
            }
        }
        return new SequenceSet(List.copyOf(ranges));
    }

    private static long number(String text) {
        if (text.equals("*")) {
            return STAR;
        }
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ImapSyntaxException("invalid sequence set");
        }
        long n = Long.parseLong(text);
        if (n < 1 || n > 0xFFFFFFFFL) {
            throw new ImapSyntaxException("invalid sequence number " + text);
        }
        return n;
    }

    /** Whether {@code n} is in the set when the largest number in use is {@code star}. */
    public boolean contains(long n, long star) {
        for (Range range : ranges) {
            if (n >= range.low(star) && n <= range.high(star)) {
                return true;
            }
        }
        return false;
    }

    /** The largest number the set names when {@code *} is {@code star}. */
    public long max(long star) {
        long max = 0;
        for (Range range : ranges) {
            max = Math.max(max, range.high(star));
        }
        return max;
    }

    /** Renders ascending numbers compactly ({@code 1:3,7}) for COPYUID / APPENDUID / ESEARCH. */
    public static String format(List<Long> ascending) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < ascending.size()) {
            int j = i;
            while (j + 1 < ascending.size() && ascending.get(j + 1) == ascending.get(j) + 1) {
                j++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(ascending.get(i));
            if (j > i) {
                out.append(':').append(ascending.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
