package io.mailfleet.imap.command.auth;

import io.mailfleet.imap.ImapConfig;
import io.mailfleet.imap.auth.Authenticator;
import io.mailfleet.imap.command.Capabilities;
import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.Principal;
import io.mailfleet.mailstore.MailAccounts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * What LOGIN and AUTHENTICATE share once they have a user name and a secret: auth-service's verdict,
 * the mailstore account (created with INBOX and the SPECIAL-USE mailboxes on first login), the session
 * state, and the IMAP answer for each outcome (RFC 5530 response codes). Too many failures on one
 * connection close it.
 */
@ApplicationScoped
public class Logins {

    private final Authenticator authenticator;
    private final MailAccounts accounts;
    private final ImapConfig config;

    Logins(Authenticator authenticator, MailAccounts accounts, ImapConfig config) {
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.config = config;
    }

    public Uni<Completion> login(ImapSession session, String username, String secret, String mechanism) {
        return login(session, username, secret, mechanism, () -> Uni.createFrom().voidItem());
    }

    /**
     * As {@link #login(ImapSession, String, String, String)}, with a step run before a refused secret is
     * answered: the OAuth mechanisms send their error challenge there and await the client's dummy response
     * (RFC 7628 3.2.3).
     */
    public Uni<Completion> login(ImapSession session, String username, String secret, String mechanism,
                                 Supplier<Uni<Void>> beforeRefusal) {
        return authenticator.authenticate(username, secret, mechanism, "imap", session.clientIp())
                .chain(result -> switch (result.outcome()) {
                    case OK -> accounts.ensureAccount(result.detail().accountId()).map(created -> {
                        session.authenticated(new Principal(result.detail().tenantId(), result.detail().accountId(),
                                result.detail().address()));
                        return Completion.ok("[CAPABILITY " + Capabilities.of(session) + "] " + mechanism + " completed.");
                    });
                    case INVALID, DISABLED -> beforeRefusal.get().map(ignored -> failed(session));
                    case LOCKED -> Uni.createFrom().item(Completion.no("[UNAVAILABLE] too many failed logins, try again later"));
                    case UNAVAILABLE -> Uni.createFrom().item(Completion.no("[UNAVAILABLE] authentication is temporarily unavailable"));
                });
    }

    private Completion failed(ImapSession session) {
        if (session.authFailed() >= config.limits().maxAuthFailures()) {
            session.logout();
            return Completion.no("[AUTHENTICATIONFAILED] invalid credentials; too many failures, closing");
        }
        return Completion.no("[AUTHENTICATIONFAILED] invalid credentials");
    }
}
