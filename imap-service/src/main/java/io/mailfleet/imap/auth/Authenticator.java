package io.mailfleet.imap.auth;

import io.mailfleet.directory.AuthResult;
import io.mailfleet.directory.CredentialCheck;
import io.mailfleet.directory.DirectoryClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Asks auth-service whether a login is good (docs/internal-api.md); lockouts and audit events live there,
 * shared with SMTP. When auth-service cannot be reached the answer is {@link Outcome#UNAVAILABLE}, a
 * temporary failure, never a login.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    public enum Outcome { OK, INVALID, LOCKED, DISABLED, UNAVAILABLE }

    public record Result(Outcome outcome, AuthResult detail) {
    }

    private final DirectoryClient directory;

    Authenticator(@RestClient DirectoryClient directory) {
        this.directory = directory;
    }

    public Uni<Result> authenticate(String username, String secret, String mechanism, String protocol, String clientIp) {
        return directory.authenticate(new CredentialCheck(username, secret, mechanism, protocol, clientIp))
                .ifNoItem().after(Duration.ofSeconds(10)).fail()
                .map(result -> new Result(switch (result.outcome()) {
                    case OK -> result.accountId() == null ? Outcome.INVALID : Outcome.OK;
                    case INVALID -> Outcome.INVALID;
                    case LOCKED -> Outcome.LOCKED;
                    case DISABLED -> Outcome.DISABLED;
                }, result))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("auth-service unavailable for a %s login: %s", protocol, failure.toString());
                    return new Result(Outcome.UNAVAILABLE, null);
                });
    }
}
