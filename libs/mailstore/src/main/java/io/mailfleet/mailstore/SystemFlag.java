package io.mailfleet.mailstore;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** IMAP system flags (RFC 9051 2.3.2), stored as bits of one smallint. {@code \Recent} is per session, not stored. */
public enum SystemFlag {
    SEEN("\\Seen"),
    ANSWERED("\\Answered"),
    FLAGGED("\\Flagged"),
    DELETED("\\Deleted"),
    DRAFT("\\Draft");

    private final String imapName;

    SystemFlag(String imapName) {
        this.imapName = imapName;
    }

    public String imapName() {
        return imapName;
    }

    int bit() {
        return 1 << ordinal();
    }

    public static Optional<SystemFlag> ofImapName(String name) {
        return Arrays.stream(values()).filter(flag -> flag.imapName.equalsIgnoreCase(name)).findFirst();
    }

    static int toBits(Set<SystemFlag> flags) {
        int bits = 0;
        for (SystemFlag flag : flags) {
            bits |= flag.bit();
        }
        return bits;
    }

    static Set<SystemFlag> fromBits(int bits) {
        EnumSet<SystemFlag> flags = EnumSet.noneOf(SystemFlag.class);
        for (SystemFlag flag : values()) {
            if ((bits & flag.bit()) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }
}
