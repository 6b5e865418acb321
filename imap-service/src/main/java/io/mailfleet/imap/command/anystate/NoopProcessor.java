package io.mailfleet.imap.command.anystate;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** NOOP, and CHECK (RFC 3501 6.4.1; gone in rev2 but sent by old clients): the dispatcher's resynchronisation is the work. */
@ApplicationScoped
public class NoopProcessor implements ImapProcessor {

    @Override
    public Set<String> names() {
        return Set.of("NOOP", "CHECK");
    }

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        command.args().end();
        if (command.name().equals("CHECK") && session.state() != SessionState.SELECTED) {
            return Uni.createFrom().item(Completion.bad("CHECK needs a selected mailbox"));
        }
        return Uni.createFrom().item(Completion.ok(command.name() + " completed."));
    }
}
