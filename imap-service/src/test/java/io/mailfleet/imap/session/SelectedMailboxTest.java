package io.mailfleet.imap.session;

import io.mailfleet.imap.protocol.SequenceSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SelectedMailboxTest {

    private static SelectedMailbox mailbox(long... uids) {
        SelectedMailbox mailbox = new SelectedMailbox(1, "INBOX", false, 1, Optional.empty());
        for (long uid : uids) {
            mailbox.add(uid);
        }
        return mailbox;
    }

    @Test
    void sequenceNumbersFollowTheAnnouncedUidsAcrossExpunges() {
        SelectedMailbox mailbox = mailbox(3, 7, 9, 12);
        assertThat(mailbox.msnOf(9)).isEqualTo(3);
        assertThat(mailbox.msnOf(8)).isZero();
        assertThat(mailbox.remove(7)).isEqualTo(2);
        assertThat(mailbox.msnOf(9)).isEqualTo(2);
        assertThat(mailbox.uidAt(3)).isEqualTo(12);
        assertThat(mailbox.exists()).isEqualTo(3);
        mailbox.add(5); // older than the last announced UID: never re-announced
        assertThat(mailbox.exists()).isEqualTo(3);
    }

    @Test
    void uidsAboveTwoToTheThirtyFirstStayOrderedAndExact() {
        long high = 0xFFFF_FFF0L;
        SelectedMailbox mailbox = mailbox(5, 0x8000_0000L, high, 0xFFFF_FFFFL);
        assertThat(mailbox.lastUid()).isEqualTo(0xFFFF_FFFFL);
        assertThat(mailbox.msnOf(high)).isEqualTo(3);
        assertThat(mailbox.msnOf(0x8000_0000L)).isEqualTo(2);
        assertThat(mailbox.resolve(SequenceSet.parse("2147483648:*"), true)).containsExactly(0x8000_0000L, high, 0xFFFF_FFFFL);
        mailbox.add(0x1_0000_0000L); // not an IMAP UID
        assertThat(mailbox.exists()).isEqualTo(4);
    }

    @Test
    void aLargeMailboxGrowsAndResolvesSequenceSets() {
        SelectedMailbox mailbox = mailbox();
        mailbox.reserve(5_000);
        for (long uid = 1; uid <= 10_000; uid++) {
            mailbox.add(uid * 2);
        }
        assertThat(mailbox.exists()).isEqualTo(10_000);
        assertThat(mailbox.msnOf(20_000)).isEqualTo(10_000);
        assertThat(mailbox.resolve(SequenceSet.parse("9999:*"), false)).isEqualTo(List.of(19_998L, 20_000L));
    }
}
