package io.mailfleet.smtp.command;

import io.mailfleet.smtp.protocol.SmtpReply;
import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * STARTTLS (RFC 3207). The handshake itself, and throwing away everything the client sent after the
 * command in clear text (the CVE-2011-0411 command injection), is the connection's job on
 * {@link CommandResult.Next#START_TLS}.
 */
@ApplicationScoped
public class StartTlsHandler implements CommandHandler {

    @Override
    public Set<String> verbs() {
        return Set.of("STARTTLS");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        if (!argument.isEmpty()) {
            return Replies.noParameters(verb);
        }
        if (session.tls() != null) {
            return Replies.sequence("TLS already active");
        }
        if (!session.starttlsOffered()) {
            return Replies.now(502, "5.5.1", "STARTTLS not available");
        }
        return Replies.now(CommandResult.then(SmtpReply.of(220, "2.0.0", "Ready to start TLS"), CommandResult.Next.START_TLS));
    }
}
