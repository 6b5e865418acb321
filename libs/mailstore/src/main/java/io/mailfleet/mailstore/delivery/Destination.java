package io.mailfleet.mailstore.delivery;

import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.SpecialUse;

/**
 * Which mailbox of the account a delivered message goes to. A folder or special-use mailbox the
 * account does not have falls back to INBOX: mail is never refused for a missing folder.
 */
public record Destination(String folder, SpecialUse specialUse, boolean quarantine) {

    public static Destination inbox() {
        return new Destination(Mailboxes.INBOX, null, false);
    }

    /** A {@code user+folder@} rule's folder, by name. */
    public static Destination folder(String name) {
        return new Destination(Mailboxes.normalize(name), null, false);
    }

    public static Destination specialUse(SpecialUse use) {
        return new Destination(null, use, false);
    }

    /** The account's {@value Mailboxes#QUARANTINE} mailbox, created (unsubscribed) on first use. */
    public static Destination quarantined() {
        return new Destination(Mailboxes.QUARANTINE, null, true);
    }
}
