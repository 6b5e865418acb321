package io.mailfleet.imap.command.auth;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.sasl.SaslCredentials;
import io.mailfleet.sasl.SaslMechanism;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * AUTHENTICATE PLAIN (RFC 4616), OAUTHBEARER (RFC 7628) and XOAUTH2, with the initial response on the
 * command line (SASL-IR, RFC 4959) or after an empty continuation. {@code *} cancels. A refused bearer
 * token gets RFC 7628's error challenge before the NO. Only offered after TLS.
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
        Optional<SaslMechanism> offered = SaslMechanism.of(mechanism).filter(m -> m != SaslMechanism.LOGIN);
        if (offered.isEmpty()) {
            return Uni.createFrom().item(Completion.no("unsupported authentication mechanism " + mechanism));
        }
        if (!session.channel().secure()) {
            return Uni.createFrom().item(Completion.no("[PRIVACYREQUIRED] authentication is disabled until STARTTLS"));
        }
        Uni<String> response = initial.map(value -> Uni.createFrom().item(value))
                .orElseGet(() -> clientResponse(session, out, ""));
        return response.chain(line -> {
            if (line.equals("*")) {
                return Uni.createFrom().item(Completion.bad("AUTHENTICATE cancelled"));
            }
            Optional<SaslCredentials> credentials = SaslCredentials.decode(line).flatMap(offered.get()::credentials);
            if (credentials.isEmpty()) {
                return Uni.createFrom().item(Completion.bad("invalid SASL " + offered.get() + " response"));
            }
            return offered.get().bearer() ? bearer(offered.get(), credentials.get(), session, out) : plain(credentials.get(), session);
        });
    }

    private Uni<Completion> plain(SaslCredentials credentials, ImapSession session) {
        if (credentials.impersonates()) {
            return Uni.createFrom().item(Completion.no("[AUTHORIZATIONFAILED] acting as another user is not allowed"));
        }
        return logins.login(session, credentials.username(), credentials.secret(), "PLAIN");
    }

    private Uni<Completion> bearer(SaslMechanism mechanism, SaslCredentials credentials, ImapSession session, ImapResponder out) {
        // a refused token is answered with the error challenge first; whatever the client answers, it fails
        return logins.login(session, credentials.username(), credentials.secret(), mechanism.name(),
                () -> clientResponse(session, out, SaslCredentials.bearerErrorChallenge()).replaceWithVoid());
    }

    /** Sends a continuation and completes with the client's next line (SASL responses are lines, not commands). */
    private static Uni<String> clientResponse(ImapSession session, ImapResponder out, String challenge) {
        return Uni.createFrom().emitter(emitter -> {
            out.continuation(challenge);
            session.channel().lineMode(line -> {
                session.channel().commandMode();
                emitter.complete(line);
            });
        });
    }
}
