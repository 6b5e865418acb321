package io.mailfleet.imap.junk;

import io.mailfleet.events.TrainingSignal.Label;
import io.mailfleet.mailstore.SpecialUse;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JunkLearningRulesTest {

    private static Optional<Label> label(SpecialUse from, SpecialUse to) {
        return JunkLearning.label(Optional.ofNullable(from), Optional.ofNullable(to));
    }

    @Test
    void intoJunkIsSpamFromAnywhereElse() {
        assertThat(label(null, SpecialUse.JUNK)).contains(Label.SPAM);
        assertThat(label(SpecialUse.TRASH, SpecialUse.JUNK)).contains(Label.SPAM);
        assertThat(label(SpecialUse.ARCHIVE, SpecialUse.JUNK)).contains(Label.SPAM);
    }

    @Test
    void outOfJunkIsHamUnlessIntoTrash() {
        assertThat(label(SpecialUse.JUNK, null)).contains(Label.HAM);
        assertThat(label(SpecialUse.JUNK, SpecialUse.ARCHIVE)).contains(Label.HAM);
        assertThat(label(SpecialUse.JUNK, SpecialUse.TRASH)).isEmpty();
    }

    @Test
    void everythingElseSaysNothing() {
        assertThat(label(SpecialUse.JUNK, SpecialUse.JUNK)).isEmpty();
        assertThat(label(null, null)).isEmpty();
        assertThat(label(null, SpecialUse.TRASH)).isEmpty();
        assertThat(label(SpecialUse.SENT, SpecialUse.ARCHIVE)).isEmpty();
    }
}
