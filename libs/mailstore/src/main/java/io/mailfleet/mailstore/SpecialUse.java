package io.mailfleet.mailstore;

import java.util.Arrays;
import java.util.Optional;

/** The RFC 6154 SPECIAL-USE mailboxes every account gets when it is created, with their default names. */
public enum SpecialUse {
    SENT("\\Sent", "Sent"),
    DRAFTS("\\Drafts", "Drafts"),
    JUNK("\\Junk", "Junk"),
    TRASH("\\Trash", "Trash"),
    ARCHIVE("\\Archive", "Archive");

    private final String attribute;
    private final String defaultName;

    SpecialUse(String attribute, String defaultName) {
        this.attribute = attribute;
        this.defaultName = defaultName;
    }

    /** The LIST attribute, e.g. {@code \Junk}. */
    public String attribute() {
        return attribute;
    }

    public String defaultName() {
        return defaultName;
    }

    public static Optional<SpecialUse> ofAttribute(String attribute) {
        return Arrays.stream(values()).filter(use -> use.attribute.equalsIgnoreCase(attribute)).findFirst();
    }
}
