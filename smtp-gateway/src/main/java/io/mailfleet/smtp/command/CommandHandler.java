package io.mailfleet.smtp.command;

import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.smallrye.mutiny.Uni;

import java.util.Set;

/**
 * The semantics of one SMTP command (James-style: the decoder splits lines, a handler per command
 * decides, the encoder writes the reply). Handlers run on the connection's event loop and must not block:
 * anything that waits (directory, Kafka, Redis) is returned as a {@link Uni}.
 */
public interface CommandHandler {

    /** The verbs (upper case) this handler answers. */
    Set<String> verbs();

    Uni<CommandResult> handle(SmtpSession session, String verb, String argument);
}
