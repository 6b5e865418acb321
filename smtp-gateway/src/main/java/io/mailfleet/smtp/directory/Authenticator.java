package io.mailfleet.smtp.directory;

import io.mailfleet.directory.AuthResult;
import io.mailfleet.directory.CredentialCheck;
import io.mailfleet.directory.DirectoryClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Forwards SASL credentials to auth-service, which checks app passwords and bearer tokens, counts
 * failures per account and per IP (shared with IMAP/POP3), locks out and writes the audit event. Never
 * cached: every attempt must be counted.
 */
@ApplicationScoped
public class Authenticator {

    private final DirectoryClient directory;

    public Authenticator(@RestClient DirectoryClient directory) {
        this.directory = directory;
    }

    public Uni<AuthResult> authenticate(String username, String secret, String mechanism, String clientIp) {
        return directory.authenticate(new CredentialCheck(username, secret, mechanism, "smtp", clientIp));
    }
}
