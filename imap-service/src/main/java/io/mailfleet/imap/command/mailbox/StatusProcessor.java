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

import java.util.List;
import java.util.Set;

@ApplicationScoped
public class StatusProcessor implements ImapProcessor {

    private final Mailboxes mailboxes;
    private final StatusItems statusItems;

    StatusProcessor(Mailboxes mailboxes, StatusItems statusItems) {
        this.mailboxes = mailboxes;
        this.statusItems = statusItems;
    }

    @Override
    public Set<String> names() {
        return Set.of("STATUS");
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
        args.sp();
        List<String> items = StatusItems.read(args);
        args.end();
        return mailboxes.state(session.accountId(), name).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(Completion.no("[NONEXISTENT] no such mailbox"))
                : statusItems.response(session, found.get(), items).map(response -> {
                    out.write(response);
                    return Completion.ok("STATUS completed.");
                }));
    }
}
