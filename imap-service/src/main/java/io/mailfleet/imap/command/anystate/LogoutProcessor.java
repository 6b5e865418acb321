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

@ApplicationScoped
public class LogoutProcessor implements ImapProcessor {

    @Override
    public Set<String> names() {
        return Set.of("LOGOUT");
    }

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        command.args().end();
        out.untagged("BYE logging out");
        session.unselect();
        session.logout();
        return Uni.createFrom().item(Completion.ok("LOGOUT completed."));
    }
}
