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

/** SUBSCRIBE / UNSUBSCRIBE: the subscription is a property of an existing mailbox in this store. */
@ApplicationScoped
public class SubscribeProcessor implements ImapProcessor {

    private final Mailboxes mailboxes;

    SubscribeProcessor(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public Set<String> names() {
        return Set.of("SUBSCRIBE", "UNSUBSCRIBE");
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
        boolean subscribe = command.name().equals("SUBSCRIBE");
        return mailboxes.subscribe(session.accountId(), name, subscribe)
                .replaceWith(Completion.ok(command.name() + " completed."));
    }
}
