package io.mailfleet.imap.junk;

import io.mailfleet.events.TrainingSignal;
import io.mailfleet.mailstore.SpecialUse;

import java.util.Optional;

/**
 * What a user's COPY or MOVE says about the messages: into \Junk means spam; out of \Junk into any mailbox
 * but \Trash means "not spam" (a message thrown away from Junk is no verdict). Within Junk it says nothing.
 */
public final class JunkLearning {

    private JunkLearning() {
    }

    public static Optional<TrainingSignal.Label> label(Optional<SpecialUse> from, Optional<SpecialUse> to) {
        boolean fromJunk = from.filter(SpecialUse.JUNK::equals).isPresent();
        boolean toJunk = to.filter(SpecialUse.JUNK::equals).isPresent();
        if (toJunk && !fromJunk) {
            return Optional.of(TrainingSignal.Label.SPAM);
        }
        if (fromJunk && !toJunk && to.filter(SpecialUse.TRASH::equals).isEmpty()) {
            return Optional.of(TrainingSignal.Label.HAM);
        }
        return Optional.empty();
    }
}
