package io.mailfleet.imap.command.auth;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** STARTTLS (RFC 9051 6.2.1): the handshake begins right after the tagged OK; the client must ask CAPABILITY again. */
@ApplicationScoped
public class StartTlsProcessor implements ImapProcessor {

    @Override
    public Set<String> names() {
        return Set.of("STARTTLS");
    }

    @Override
    public Set<SessionState> states() {
        return Set.of(SessionState.NOT_AUTHENTICATED);
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        command.args().end();
        if (session.channel().secure()) {
            return Uni.createFrom().item(Completion.bad("TLS is already active"));
        }
        session.channel().startTlsAfterCompletion();
        return Uni.createFrom().item(Completion.ok("Begin TLS negotiation now"));
    }
}
