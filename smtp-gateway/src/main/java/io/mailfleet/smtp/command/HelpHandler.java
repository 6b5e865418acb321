package io.mailfleet.smtp.command;

import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** HELP (4.1.1.8). */
@ApplicationScoped
public class HelpHandler implements CommandHandler {
    @Override
    public Set<String> verbs() {
        return Set.of("HELP");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        return Replies.now(214, "2.0.0",
                "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH; see RFC 5321");
    }
}
