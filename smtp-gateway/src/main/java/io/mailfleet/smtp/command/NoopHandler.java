package io.mailfleet.smtp.command;

import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** NOOP (4.1.1.9): the argument, if any, is ignored. */
@ApplicationScoped
public class NoopHandler implements CommandHandler {
    @Override
    public Set<String> verbs() {
        return Set.of("NOOP");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        return Replies.now(250, "2.0.0", "Ok");
    }
}
