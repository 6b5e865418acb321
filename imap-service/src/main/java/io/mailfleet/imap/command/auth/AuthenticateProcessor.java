package io.mailfleet.imap.command.auth;

import io.mailfleet.imap.auth.SaslPlain;
import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * AUTHENTICATE PLAIN (RFC 4616), with the initial response on the command line (SASL-IR, RFC 4959)
 * or after an empty continuation. {@code *} cancels. Only offered after TLS.
 */
@ApplicationScoped
public class AuthenticateProcessor implements ImapProcessor {

    private final Logins logins;

    AuthenticateProcessor(Logins logins) {
        this.logins = logins;
    }

    @Override
    public Set<String> names() {
        return Set.of("AUTHENTICATE");
    }

    @Override
    public Set<SessionState> states() {
        return Set.of(SessionState.NOT_AUTHENTICATED);
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        String mechanism = args.astring().toUpperCase(Locale.ROOT);
        Optional<String> initial = Optional.empty();
        if (!args.atEnd()) {
            args.sp();
            initial = Optional.of(args.astring());
        }
        args.end();
        if (!mechanism.equals("PLAIN")) {
            return Uni.createFrom().item(Completion.no("unsupported authentication mechanism " + mechanism));
        }
        if (!session.channel().secure()) {
            return Uni.createFrom().item(Completion.no("[PRIVACYREQUIRED] authentication is disabled until STARTTLS"));
        }
        Uni<String> response = initial.map(value -> Uni.createFrom().item(value))
                .orElseGet(() -> Uni.createFrom().emitter(emitter -> {
                    out.continuation("");
                    session.channel().lineMode(line -> {
                        session.channel().commandMode();
                        emitter.complete(line);
                    });
                }));
        return response.chain(line -> {
            if (line.equals("*")) {
                return Uni.createFrom().item(Completion.bad("AUTHENTICATE cancelled"));
            }
            // "=" is an empty initial response (RFC 4959)
            Optional<SaslPlain> plain = SaslPlain.decode(line.equals("=") ? "" : line);
            if (plain.isEmpty()) {
                return Uni.createFrom().item(Completion.bad("invalid SASL PLAIN response"));
            }
            SaslPlain credentials = plain.get();
            if (!credentials.authorizationId().isEmpty() && !credentials.authorizationId().equals(credentials.username())) {
                return Uni.createFrom().item(Completion.no("[AUTHORIZATIONFAILED] acting as another user is not allowed"));
            }
            return logins.login(session, credentials.username(), credentials.password(), "PLAIN");
        });
    }
}
