package io.mailfleet.imap.command.mailbox;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.command.MailboxNames;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.mailstore.Mailboxes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** DELETE: the mailbox and its messages; INBOX and SPECIAL-USE mailboxes are refused by the mailstore ([CANNOT]). */
@ApplicationScoped
public class DeleteProcessor implements ImapProcessor {

    private final Mailboxes mailboxes;

    DeleteProcessor(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public Set<String> names() {
        return Set.of("DELETE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        String name = MailboxNames.read(args, session);
        args.end();
        if (session.selected() != null && session.selected().name().equals(name)) {
            session.unselect();
        }
        return mailboxes.delete(session.accountId(), name)
                .replaceWith(Completion.ok("DELETE completed."));
    }
}
