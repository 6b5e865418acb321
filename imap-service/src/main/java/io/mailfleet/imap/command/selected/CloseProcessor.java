package io.mailfleet.imap.command.selected;

import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.imap.changes.MailboxChangeNotifier;
import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SelectedMailbox;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.imap.store.UidSetExpunge;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CLOSE (silently expunges the \Deleted messages this session knows of, unless read-only) and UNSELECT
 * (RFC 3691: leaves them). Neither sends EXPUNGE responses.
 */
@ApplicationScoped
public class CloseProcessor implements ImapProcessor {

    private final UidSetExpunge expunge;
    private final MailboxChangeNotifier notifier;

    CloseProcessor(UidSetExpunge expunge, MailboxChangeNotifier notifier) {
        this.expunge = expunge;
        this.notifier = notifier;
    }

    @Override
    public Set<String> names() {
        return Set.of("CLOSE", "UNSELECT");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        command.args().end();
        SelectedMailbox view = session.selected();
        session.unselect();
        Completion done = Completion.ok(command.name() + " completed.");
        if (command.name().equals("UNSELECT") || view.readOnly() || view.exists() == 0) {
            return Uni.createFrom().item(done);
        }
        List<Long> uids = new ArrayList<>(view.exists());
        for (int msn = 1; msn <= view.exists(); msn++) {
            uids.add(view.uidAt(msn));
        }
        String account = session.accountId();
        return expunge.expunge(account, view.id(), uids, true)
                .invoke(expunged -> notifier.changed(account, view.id(), view.uidValidity(), MailboxChange.Kind.EXPUNGED,
                        expunged.uids(), expunged.modseq()))
                .replaceWith(done);
    }
}
