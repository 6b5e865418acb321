package io.mailfleet.imap.command.auth;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** LOGIN user password; refused before TLS (LOGINDISABLED). */
@ApplicationScoped
public class LoginProcessor implements ImapProcessor {

    private final Logins logins;

    LoginProcessor(Logins logins) {
        this.logins = logins;
    }

    @Override
    public Set<String> names() {
        return Set.of("LOGIN");
    }

    @Override
    public Set<SessionState> states() {
        return Set.of(SessionState.NOT_AUTHENTICATED);
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        String username = args.astring();
        args.sp();
        String password = args.astring();
        args.end();
        if (!session.channel().secure()) {
            return Uni.createFrom().item(Completion.no("[PRIVACYREQUIRED] LOGIN is disabled until STARTTLS"));
        }
        return logins.login(session, username, password, "LOGIN");
    }
}
