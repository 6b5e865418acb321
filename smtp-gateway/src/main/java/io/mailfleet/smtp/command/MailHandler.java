package io.mailfleet.smtp.command;

import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.smtp.directory.SenderAddresses;
import io.mailfleet.smtp.policy.SendingRateLimiter;
import io.mailfleet.smtp.protocol.PathArgument;
import io.mailfleet.smtp.protocol.XText;
import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.mailfleet.smtp.session.Transaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MAIL FROM (RFC 5321 4.1.1.2) with the parameters of SIZE (RFC 1870), 8BITMIME (6152), DSN (3461),
 * SMTPUTF8 (6531), REQUIRETLS (8689) and AUTH (4954). On submission the sender must be one the
 * authenticated account owns.
 */
@ApplicationScoped
public class MailHandler implements CommandHandler {

    private static final int MAX_ENVID_LENGTH = 100;

    private final SmtpConfig config;
    private final SendingRateLimiter rateLimiter;

    public MailHandler(SmtpConfig config, SendingRateLimiter rateLimiter) {
        this.config = config;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Set<String> verbs() {
        return Set.of("MAIL");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        if (!session.greeted()) {
            return Replies.sequence("Send HELO/EHLO first");
        }
        if (session.transaction() != null) {
            return Replies.sequence("Nested MAIL command");
        }
        if (session.listener().submission() && session.authenticated() == null) {
            return Replies.now(530, "5.7.0", "Authentication required");
        }
        var parsed = PathArgument.parse(argument, "FROM:", true);
        if (parsed.isEmpty()) {
            return Replies.now(501, "5.1.7", "Bad sender address syntax");
        }
        PathArgument path = parsed.get();
        if (!path.parameters().isEmpty() && !session.extended()) {
            return Replies.now(555, "5.5.4", "MAIL parameters need EHLO");
        }
        CommandResult refused = checkParameters(session, path.parameters());
        if (refused != null) {
            return Replies.now(refused);
        }
        if (!path.ascii() && !path.parameters().containsKey("SMTPUTF8")) {
            return Replies.now(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
        }
        if (session.authenticated() != null && !SenderAddresses.owns(session.authenticated(), path.address())) {
            return Replies.now(553, "5.7.1", "Sender address not owned by the authenticated user");
        }
        return rateLimiter.allowMessage(session, path.address()).map(allowed -> {
            if (!allowed) {
                return CommandResult.reply(450, "4.7.1", "Message rate limit exceeded, try again later");
            }
            session.begin(new Transaction(path.address(), path.parameters()));
            return CommandResult.reply(250, "2.1.0", "Ok");
        });
    }

    private CommandResult checkParameters(SmtpSession session, Map<String, String> parameters) {
        for (var parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE" -> {
                    long declared;
                    try {
                        declared = Long.parseLong(value == null ? "" : value);
                    } catch (NumberFormatException e) {
                        return CommandResult.reply(501, "5.5.4", "Bad SIZE parameter");
                    }
                    if (declared > config.limits().maxMessageSize()) {
                        return CommandResult.reply(552, "5.3.4", "Message size exceeds fixed limit of "
                                + config.limits().maxMessageSize() + " octets");
                    }
                }
                case "BODY" -> {
                    String body = value == null ? "" : value.toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                        return CommandResult.reply(501, "5.5.4", "BODY must be 7BIT or 8BITMIME");
                    }
                }
                case "SMTPUTF8" -> {
                    if (value != null) {
                        return CommandResult.reply(501, "5.5.4", "SMTPUTF8 takes no value");
                    }
                }
                case "RET" -> {
                    if (!"FULL".equalsIgnoreCase(value) && !"HDRS".equalsIgnoreCase(value)) {
                        return CommandResult.reply(501, "5.5.4", "RET must be FULL or HDRS");
                    }
                }
                case "ENVID" -> {
                    if (!XText.valid(value) || value.length() > MAX_ENVID_LENGTH) {
                        return CommandResult.reply(501, "5.5.4", "Bad ENVID parameter");
                    }
                }
                case "REQUIRETLS" -> {
                    if (session.tls() == null) {
                        return CommandResult.reply(530, "5.7.10", "REQUIRETLS needs a TLS session");
                    }
                }
                case "AUTH" -> {
                    // RFC 4954 5: accepted and not trusted; the envelope records who authenticated here
                }
                default -> {
                    return CommandResult.reply(555, "5.5.4", "Unsupported MAIL parameter " + parameter.getKey());
                }
            }
        }
        return null;
    }
}
