package io.mailfleet.smtp.session;

import io.mailfleet.smtp.protocol.SmtpReply;

/**
 * What a command handler decided: the reply to send (null when the reply comes later, e.g. after a
 * BDAT chunk has been read) and what the connection does next.
 */
public record CommandResult(SmtpReply reply, Next next) {

    public enum Next {
        /** read the next command */
        COMMAND,
        /** feed the input to the session's {@link SmtpSession#contentReader()} (DATA content, a BDAT chunk) */
        CONTENT,
        /** upgrade to TLS, discarding any buffered clear-text input */
        START_TLS,
        /** hand the next line to the session's {@link SmtpSession#continuation()} (SASL exchanges) */
        CONTINUATION,
        /** close the connection after the reply */
        CLOSE
    }

    public static CommandResult reply(SmtpReply reply) {
        return new CommandResult(reply, Next.COMMAND);
    }

    public static CommandResult reply(int code, String enhancedStatus, String text) {
        return reply(SmtpReply.of(code, enhancedStatus, text));
    }

    public static CommandResult then(SmtpReply reply, Next next) {
        return new CommandResult(reply, next);
    }
}
