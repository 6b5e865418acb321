package io.mailfleet.smtp.command;

import io.mailfleet.directory.AuthResult;
import io.mailfleet.sasl.SaslCredentials;
import io.mailfleet.sasl.SaslMechanism;
import io.mailfleet.smtp.directory.Authenticator;
import io.mailfleet.smtp.directory.TenantPolicies;
import io.mailfleet.smtp.observability.SmtpMetrics;
import io.mailfleet.smtp.protocol.SmtpReply;
import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * AUTH (RFC 4954) on the submission listeners, only inside TLS: PLAIN, LOGIN, XOAUTH2 and OAUTHBEARER
 * (RFC 7628). The credentials go to auth-service; its answer maps to 235, 535 5.7.8 (wrong credentials
 * and disabled accounts alike, so the reply never tells whether an account exists) or 454 4.7.0
 * (locked out, or auth-service unreachable). A good login from an address on the tenant's {@code ipDeny}
 * list is answered like a bad password, so the reply reveals neither the list nor the password's validity.
 */
@ApplicationScoped
public class AuthHandler implements CommandHandler {

    private static final Logger LOG = Logger.getLogger(AuthHandler.class);
    private static final String USERNAME_CHALLENGE = base64("Username:");
    private static final String PASSWORD_CHALLENGE = base64("Password:");
    private static final CommandResult INVALID = CommandResult.reply(535, "5.7.8", "Authentication credentials invalid");

    private final Authenticator authenticator;
    private final TenantPolicies policies;
    private final SmtpMetrics metrics;

    public AuthHandler(Authenticator authenticator, TenantPolicies policies, SmtpMetrics metrics) {
        this.authenticator = authenticator;
        this.policies = policies;
        this.metrics = metrics;
    }

    @Override
    public Set<String> verbs() {
        return Set.of("AUTH");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        if (!session.listener().submission()) {
            return Replies.now(502, "5.5.1", "AUTH not available on this port");
        }
        if (session.tls() == null) {
            return Replies.now(530, "5.7.0", "Must issue a STARTTLS command first");
        }
        if (!session.extended()) {
            return Replies.sequence("Send EHLO first");
        }
        if (session.authenticated() != null) {
            return Replies.sequence("Already authenticated");
        }
        if (session.transaction() != null) {
            return Replies.sequence("AUTH not permitted during a mail transaction");
        }
        String[] words = argument.split(" ", -1);
        if (argument.isEmpty() || words.length > 2) {
            return Replies.syntax("AUTH mechanism [initial-response]");
        }
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        Optional<String> initial = words.length == 2 ? Optional.of(words[1]) : Optional.empty();
        return switch (mechanism) {
            // acting as someone else is not offered: such a PLAIN response fails like a wrong password
            case "PLAIN" -> singleStep(session, mechanism, initial, text -> SaslCredentials.plain(text).filter(c -> !c.impersonates()));
            case "XOAUTH2" -> singleStep(session, mechanism, initial, SaslCredentials::xoauth2);
            case "OAUTHBEARER" -> singleStep(session, mechanism, initial, SaslCredentials::oauthBearer);
            case "LOGIN" -> login(session, initial);
            default -> Replies.now(504, "5.5.4", "Unrecognized authentication mechanism");
        };
    }

    /** Mechanisms with one client response, sent at once or after an empty 334 challenge. */
    private Uni<CommandResult> singleStep(SmtpSession session, String mechanism, Optional<String> initial,
                                          Function<String, Optional<SaslCredentials>> parser) {
        Function<String, Uni<CommandResult>> onResponse = response -> decode(response)
                .map(text -> parser.apply(text)
                        .map(credentials -> check(session, mechanism, credentials))
                        .orElseGet(() -> failed(session, mechanism)))
                .orElseGet(() -> malformed(response));
        if (initial.isPresent()) {
            return onResponse.apply(initial.get());
        }
        session.continueWith(onResponse);
        return Replies.now(CommandResult.then(SmtpReply.plain(334, ""), CommandResult.Next.CONTINUATION));
    }

    /** LOGIN: username and password, each after its own 334 challenge. */
    private Uni<CommandResult> login(SmtpSession session, Optional<String> initial) {
        Function<String, Uni<CommandResult>> onUsername = usernameResponse -> {
            Optional<String> username = decode(usernameResponse);
            if (username.isEmpty() || username.get().isEmpty()) {
                return malformed(usernameResponse);
            }
            session.continueWith(passwordResponse -> decode(passwordResponse)
                    .map(password -> password.isEmpty() ? failed(session, "LOGIN")
                            : check(session, "LOGIN", SaslCredentials.of(username.get(), password)))
                    .orElseGet(() -> malformed(passwordResponse)));
            return Replies.now(CommandResult.then(SmtpReply.plain(334, PASSWORD_CHALLENGE), CommandResult.Next.CONTINUATION));
        };
        if (initial.isPresent()) {
            return onUsername.apply(initial.get());
        }
        session.continueWith(onUsername);
        return Replies.now(CommandResult.then(SmtpReply.plain(334, USERNAME_CHALLENGE), CommandResult.Next.CONTINUATION));
    }

    private Uni<CommandResult> check(SmtpSession session, String mechanism, SaslCredentials credentials) {
        return authenticator.authenticate(credentials.username(), credentials.secret(), mechanism, session.clientIp())
                .flatMap(result -> {
                    if (result.outcome() == AuthResult.Outcome.OK) {
                        return policies.of(result.tenantId()).map(policy -> {
                            if (policy.denies(session.clientIp())) {
                                count(mechanism, "IP_DENIED");
                                LOG.infof("session %s: AUTH %s for %s: client IP on the tenant's deny list", session.id(),
                                        mechanism, credentials.username());
                                return INVALID;
                            }
                            count(mechanism, result.outcome().name());
                            LOG.infof("session %s: AUTH %s for %s: OK", session.id(), mechanism, credentials.username());
                            session.authenticate(result, policy);
                            return CommandResult.reply(235, "2.7.0", "Authentication successful");
                        });
                    }
                    count(mechanism, result.outcome().name());
                    LOG.infof("session %s: AUTH %s for %s: %s", session.id(), mechanism, credentials.username(), result.outcome());
                    if (result.outcome() == AuthResult.Outcome.LOCKED) {
                        return Replies.now(454, "4.7.0", "Temporary authentication failure, try again later");
                    }
                    return Uni.createFrom().item(refused(session, mechanism));
                })
                .onFailure().recoverWithItem(failure -> {
                    count(mechanism, "UNAVAILABLE");
                    LOG.warnf("session %s: AUTH %s: auth-service unavailable: %s", session.id(), mechanism, failure.toString());
                    return CommandResult.reply(454, "4.7.0", "Temporary authentication failure, try again later");
                });
    }

    /**
     * A refused bearer token is first answered with RFC 7628's error challenge (334 and the JSON status); whatever
     * the client sends back (a ^A), the exchange then fails with 535 like any wrong credential.
     */
    private static CommandResult refused(SmtpSession session, String mechanism) {
        if (!SaslMechanism.of(mechanism).map(SaslMechanism::bearer).orElse(false)) {
            return INVALID;
        }
        session.continueWith(response -> Replies.now(INVALID));
        return CommandResult.then(SmtpReply.plain(334, SaslCredentials.bearerErrorChallenge()), CommandResult.Next.CONTINUATION);
    }

    private Uni<CommandResult> failed(SmtpSession session, String mechanism) {
        count(mechanism, AuthResult.Outcome.INVALID.name());
        return Replies.now(INVALID);
    }

    private static Uni<CommandResult> malformed(String response) {
        if (response.equals("*")) {
            return Replies.now(501, "5.0.0", "Authentication cancelled");
        }
        return Replies.now(501, "5.5.2", "Cannot decode the response");
    }

    private static Optional<String> decode(String response) {
        return response.equals("*") ? Optional.empty() : SaslCredentials.decode(response);
    }

    private void count(String mechanism, String outcome) {
        metrics.authAttempt(mechanism, outcome);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
