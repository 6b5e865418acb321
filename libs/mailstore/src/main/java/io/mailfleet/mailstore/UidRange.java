package io.mailfleet.mailstore;

/** An inclusive UID range; {@link #ALL} and {@code last = Long.MAX_VALUE} stand for IMAP's {@code *}. */
public record UidRange(long first, long last) {

    public static final UidRange ALL = new UidRange(1, Long.MAX_VALUE);

    public UidRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("invalid UID range " + first + ":" + last);
        }
    }

    public static UidRange of(long uid) {
        return new UidRange(uid, uid);
    }

    public static UidRange from(long first) {
        return new UidRange(first, Long.MAX_VALUE);
    }
}
