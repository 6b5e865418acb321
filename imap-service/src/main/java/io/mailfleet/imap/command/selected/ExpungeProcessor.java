package io.mailfleet.imap.command.selected;

import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.imap.changes.MailboxChangeNotifier;
import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.SequenceSet;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ExpungeResponses;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SelectedMailbox;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.imap.store.UidSetExpunge;
import io.mailfleet.mailstore.Expunged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** EXPUNGE and UID EXPUNGE (UIDPLUS): removes the \Deleted messages this session knows of (in the UID set). */
@ApplicationScoped
public class ExpungeProcessor implements ImapProcessor {

    private final UidSetExpunge expunge;
    private final MailboxChangeNotifier notifier;

    ExpungeProcessor(UidSetExpunge expunge, MailboxChangeNotifier notifier) {
        this.expunge = expunge;
        this.notifier = notifier;
    }

    @Override
    public Set<String> names() {
        return Set.of("EXPUNGE");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public boolean uidVariant() {
        return true;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        SelectedMailbox view = session.selected();
        List<Long> uids;
        if (command.uid()) {
            args.sp();
            SequenceSet set = args.sequenceSet();
            uids = view.resolve(set, true);
        } else {
            uids = new ArrayList<>(view.exists());
            for (int msn = 1; msn <= view.exists(); msn++) {
                uids.add(view.uidAt(msn));
            }
        }
        args.end();
        String name = "EXPUNGE";
        if (view.readOnly()) {
            return Uni.createFrom().item(Completion.no("[READ-ONLY] mailbox is read-only"));
        }
        if (uids.isEmpty()) {
            return Uni.createFrom().item(Completion.ok(name + " completed."));
        }
        String account = session.accountId();
        return expunge.expunge(account, view.id(), uids, true).map(expunged -> {
            int recentBefore = view.recentCount();
            announce(session, view, expunged, out);
            if (!session.rev2() && session.selected() == view && view.recentCount() != recentBefore) {
                // recent messages were expunged: rev1 clients get the new \Recent count (as James does)
                out.untagged(view.recentCount() + " RECENT");
            }
            notifier.changed(account, view.id(), view.uidValidity(), MailboxChange.Kind.EXPUNGED, expunged.uids(), expunged.modseq());
            return Completion.ok(name + " completed.");
        });
    }

    /** EXPUNGE responses for this session's own expunge (also used by MOVE). */
    static void announce(ImapSession session, SelectedMailbox view, Expunged expunged, ImapResponder out) {
        if (session.selected() != view) {
            return;
        }
        ExpungeResponses.announce(session, view, expunged.uids(), out);
        view.ownChange(expunged.modseq());
    }
}
