package io.mailfleet.smtp.command;

import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.smtp.protocol.SmtpReply;
import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** HELO and EHLO (RFC 5321 4.1.1.1); EHLO lists the extensions this session may use. */
@ApplicationScoped
public class HeloHandler implements CommandHandler {

    /** SASL mechanisms, all checked by auth-service. */
    public static final List<String> AUTH_MECHANISMS = List.of("PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER");

    private final SmtpConfig config;

    public HeloHandler(SmtpConfig config) {
        this.config = config;
    }

    @Override
    public Set<String> verbs() {
        return Set.of("HELO", "EHLO");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        if (argument.isEmpty() || argument.contains(" ")) {
            return Replies.syntax(verb + " hostname");
        }
        boolean esmtp = verb.equals("EHLO");
        session.greet(argument, esmtp);
        String greeting = config.hostname() + " Hello " + argument + " [" + session.clientIp() + "]";
        if (!esmtp) {
            return Replies.now(CommandResult.reply(SmtpReply.plain(250, greeting)));
        }
        List<String> lines = new ArrayList<>();
        lines.add(greeting);
        lines.add("PIPELINING");
        lines.add("SIZE " + config.limits().maxMessageSize());
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        lines.add("DSN");
        if (session.starttlsOffered()) {
            lines.add("STARTTLS");
        }
        if (session.tls() != null) {
            lines.add("REQUIRETLS");
            if (session.listener().submission()) {
                // RFC 4954 / the issue: never offer AUTH over clear text
                lines.add("AUTH " + String.join(" ", AUTH_MECHANISMS));
            }
        }
        lines.add("HELP");
        return Replies.now(CommandResult.reply(new SmtpReply(250, null, lines)));
    }
}
