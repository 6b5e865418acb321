package io.mailfleet.delivery.local;

import io.mailfleet.delivery.recipients.LocalRecipient;
import io.mailfleet.events.Verdict;
import io.mailfleet.mailstore.Flags;
import io.mailfleet.mailstore.SpecialUse;
import io.mailfleet.mailstore.delivery.Destination;

import java.util.Set;

/**
 * Which mailbox a verdict sends a message to: DELIVER → the recipient's folder rule or INBOX, JUNK →
 * the Junk mailbox with the {@code $Junk} keyword (RFC 5788), QUARANTINE → the Quarantine mailbox.
 * REJECT after acceptance is quarantined too: the message was already accepted, so it is kept, not dropped.
 */
final class VerdictRouting {

    static final String JUNK_KEYWORD = "$Junk";

    private VerdictRouting() {
    }

    static Destination destination(Verdict verdict, LocalRecipient recipient) {
        Verdict.Action action = verdict == null ? Verdict.Action.DELIVER : verdict.action();
        return switch (action) {
            case DELIVER -> recipient.folder() == null || recipient.folder().isBlank()
                    ? Destination.inbox() : Destination.folder(recipient.folder());
            case JUNK -> Destination.specialUse(SpecialUse.JUNK);
            case QUARANTINE, REJECT -> Destination.quarantined();
        };
    }

    static Flags flags(Verdict verdict) {
        return verdict != null && verdict.action() == Verdict.Action.JUNK ? Flags.NONE.withKeywords(Set.of(JUNK_KEYWORD)) : Flags.NONE;
    }
}
