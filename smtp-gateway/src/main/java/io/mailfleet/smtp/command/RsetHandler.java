package io.mailfleet.smtp.command;

import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** RSET (RFC 5321 4.1.1.5): abort the transaction, keep the greeting, TLS and AUTH. */
@ApplicationScoped
public class RsetHandler implements CommandHandler {
    @Override
    public Set<String> verbs() {
        return Set.of("RSET");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        if (!argument.isEmpty()) {
            return Replies.noParameters(verb);
        }
        session.endTransaction();
        return Replies.now(250, "2.0.0", "Ok");
    }
}
