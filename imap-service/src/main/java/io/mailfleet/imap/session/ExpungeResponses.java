package io.mailfleet.imap.session;

import io.mailfleet.imap.protocol.SequenceSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells a session that messages of its selected mailbox are gone and drops them from its view: one
 * {@code * n EXPUNGE} per message, or, once QRESYNC is enabled, one {@code * VANISHED uid-set} (RFC 7162 3.2.10).
 */
public final class ExpungeResponses {

    private ExpungeResponses() {
    }

    public static void announce(ImapSession session, SelectedMailbox view, List<Long> uids, ImapResponder out) {
        if (session.enabled(ImapSession.QRESYNC)) {
            List<Long> vanished = new ArrayList<>();
            for (long uid : uids) {
                if (view.remove(uid) > 0) {
                    vanished.add(uid);
                }
            }
            if (!vanished.isEmpty()) {
                vanished.sort(Long::compare);
                out.untagged("VANISHED " + SequenceSet.format(vanished));
            }
            return;
        }
        for (long uid : uids) {
            int msn = view.remove(uid);
            if (msn > 0) {
                out.untagged(msn + " EXPUNGE");
            }
        }
    }
}
