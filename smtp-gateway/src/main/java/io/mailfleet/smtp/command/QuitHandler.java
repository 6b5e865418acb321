package io.mailfleet.smtp.command;

import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.smtp.protocol.SmtpReply;
import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** QUIT (4.1.1.10). */
@ApplicationScoped
public class QuitHandler implements CommandHandler {
    private final SmtpConfig config;

    public QuitHandler(SmtpConfig config) {
        this.config = config;
    }

    @Override
    public Set<String> verbs() {
        return Set.of("QUIT");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        if (!argument.isEmpty()) {
            return Replies.noParameters(verb);
        }
        return Replies.now(CommandResult.then(SmtpReply.of(221, "2.0.0", config.hostname() + " closing connection"),
                CommandResult.Next.CLOSE));
    }
}
