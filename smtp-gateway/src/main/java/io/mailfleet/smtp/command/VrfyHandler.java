package io.mailfleet.smtp.command;

import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** VRFY (4.1.1.6) is disabled against address harvesting: 252 as RFC 5321 7.3 suggests. */
@ApplicationScoped
public class VrfyHandler implements CommandHandler {
    @Override
    public Set<String> verbs() {
        return Set.of("VRFY");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        if (argument.isEmpty()) {
            return Replies.syntax("VRFY address");
        }
        return Replies.now(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
    }
}
