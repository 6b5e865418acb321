package io.mailfleet.smtp.command;

import io.mailfleet.smtp.session.CommandResult;
import io.smallrye.mutiny.Uni;

/** Replies several handlers share. */
final class Replies {

    private Replies() {
    }

    static Uni<CommandResult> now(int code, String enhancedStatus, String text) {
        return Uni.createFrom().item(CommandResult.reply(code, enhancedStatus, text));
    }

    static Uni<CommandResult> now(CommandResult result) {
        return Uni.createFrom().item(result);
    }

    static Uni<CommandResult> syntax(String usage) {
        return now(501, "5.5.4", "Syntax: " + usage);
    }

    static Uni<CommandResult> sequence(String text) {
        return now(503, "5.5.1", text);
    }

    static Uni<CommandResult> noParameters(String verb) {
        return now(501, "5.5.4", verb + " takes no parameters");
    }
}
