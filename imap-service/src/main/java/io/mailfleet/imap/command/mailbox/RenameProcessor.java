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
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.MailstoreException;
import io.mailfleet.mailstore.UidRange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * RENAME, children included. RENAME INBOX is special (RFC 9051 6.3.6): its messages move to a new
 * mailbox of the target name and INBOX stays, empty.
 */
@ApplicationScoped
public class RenameProcessor implements ImapProcessor {

    private final Mailboxes mailboxes;
    private final Messages messages;

    RenameProcessor(Mailboxes mailboxes, Messages messages) {
        this.mailboxes = mailboxes;
        this.messages = messages;
    }

    @Override
    public Set<String> names() {
        return Set.of("RENAME");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        String from = MailboxNames.read(args, session);
        args.sp();
        String to = MailboxNames.read(args, session);
        args.end();
        String account = session.accountId();
        if (to.equals(Mailboxes.INBOX)) {
            return Uni.createFrom().item(Completion.no("[ALREADYEXISTS] INBOX always exists"));
        }
        Uni<Void> rename;
        if (from.equals(Mailboxes.INBOX)) {
            rename = mailboxes.state(account, Mailboxes.INBOX).chain(inbox -> mailboxes.create(account, to)
                    .chain(target -> messages.move(account, inbox.orElseThrow().id(), UidRange.ALL, target.id())))
                    .replaceWithVoid();
        } else {
            rename = mailboxes.rename(account, from, to);
        }
        return rename.replaceWith(Completion.ok("RENAME completed."))
                .onFailure(e -> e instanceof MailstoreException refused
                        && refused.reason() == MailstoreException.Reason.NO_SUCH_MAILBOX)
                .recoverWithItem(Completion.no("[NONEXISTENT] no such mailbox"));
    }
}
