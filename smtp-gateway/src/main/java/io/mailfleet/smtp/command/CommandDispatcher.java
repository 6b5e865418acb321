package io.mailfleet.smtp.command;

import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Routes a command to the handler of its verb; unknown verbs get 502 5.5.1. */
@ApplicationScoped
public class CommandDispatcher {

    private final Map<String, CommandHandler> handlers = new HashMap<>();

    public CommandDispatcher(@All List<CommandHandler> all) {
        for (CommandHandler handler : all) {
            for (String verb : handler.verbs()) {
                if (handlers.put(verb, handler) != null) {
                    throw new IllegalStateException("two handlers for " + verb);
                }
            }
        }
    }

    public Uni<CommandResult> dispatch(SmtpSession session, String verb, String argument) {
        CommandHandler handler = handlers.get(verb);
        if (handler == null) {
            return Replies.now(502, "5.5.1", "Command not recognized");
        }
        return handler.handle(session, verb, argument);
    }
}
