package io.mailfleet.auth.passwordreset;

import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.directory.Account;
import io.mailfleet.auth.directory.AccountStore;
import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.directory.Tenant;
import io.mailfleet.auth.directory.TenantStore;
import io.mailfleet.auth.domaindns.PublicHostsConfig;
import io.mailfleet.auth.keycloak.KeycloakPeople;
import io.mailfleet.directory.Cidr;
import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Self-service password reset. A request for an active account puts a single-use token (Redis) into that
 * account's own mailbox: a message submitted on {@code mail.inbound} like any user's mail (direction
 * SUBMISSION, the account as local recipient), so it is scored and delivered by the usual pipeline, and read
 * with the mail clients' app passwords, which a forgotten Keycloak password does not affect. Confirming
 * with the token sets the Keycloak password.
 */
@ApplicationScoped
public class PasswordResets {

    /** Audit actor of self-service changes. */
    static final String SELF_SERVICE = "self-service";

    private final AccountStore accounts;
    private final TenantStore tenants;
    private final ResetTokens tokens;
    private final KeycloakPeople people;
    private final AuditLog audit;
    private final PasswordResetConfig config;
    private final PublicHostsConfig hosts;
    private final MutinyEmitter<byte[]> mail;

    public PasswordResets(AccountStore accounts, TenantStore tenants, ResetTokens tokens, KeycloakPeople people, AuditLog audit,
                          PasswordResetConfig config, PublicHostsConfig hosts,
                          @Channel("password-reset-mail") MutinyEmitter<byte[]> mail) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.tokens = tokens;
        this.people = people;
        this.audit = audit;
        this.config = config;
        this.hosts = hosts;
        this.mail = mail;
    }

    /**
     * Mails a token when the address is an active account that can log in to Keycloak; does nothing visible
     * otherwise. Every request is audited ({@code outcome} SENT or IGNORED), never with the token.
     */
    public Uni<Void> request(String rawAddress, String clientIp) {
        String ip = Cidr.literal(clientIp).isPresent() ? clientIp : null; // it goes into the message text
        Optional<String> address = Addresses.mailbox(rawAddress).map(Addresses.Address::toString);
        if (address.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return accounts.findByAddress(address.get()).flatMap(found -> eligible(found).flatMap(account -> {
            if (account.isEmpty()) {
                return audit.record(requested(found.map(Account::tenantId).orElse(null), address.get(), ip, "IGNORED"));
            }
            return tokens.issue(account.get().id())
                    .flatMap(token -> submit(account.get(), token, ip))
                    .call(() -> audit.record(requested(account.get().tenantId(), address.get(), ip, "SENT")));
        }));
    }

    /**
     * Sets the new password for the token's account; false when the token is unknown, expired, used, or its
     * account can no longer log in.
     */
    public Uni<Boolean> confirm(String token, String password, String clientIp) {
        return tokens.redeem(token).flatMap(accountId -> accountId.isEmpty()
                ? Uni.createFrom().item(Optional.<Account>empty())
                : accounts.find(accountId.get()).flatMap(this::eligible))
                .flatMap(account -> {
                    if (account.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    Account person = account.get();
                    return people.resetPassword(person.keycloakUserId(), password)
                            .call(() -> people.clearLoginFailures(person.keycloakUserId()))
                            .call(() -> audit.record(new AuditEvent(UUID.randomUUID(), Instant.now(), person.tenantId(),
                                    AuditType.PASSWORD_RESET, SELF_SERVICE, person.address(), "https", clientIp, "OK",
                                    Map.of("via", "reset token"))))
                            .replaceWith(true);
                });
    }

    /** Active account of an active tenant with a Keycloak login. */
    private Uni<Optional<Account>> eligible(Optional<Account> account) {
        if (account.isEmpty() || account.get().status() != Account.Status.ACTIVE || account.get().keycloakUserId() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return tenants.find(account.get().tenantId())
                .map(tenant -> tenant.filter(t -> t.status() == Tenant.Status.ACTIVE).flatMap(t -> account));
    }

    private Uni<Void> submit(Account account, String token, String clientIp) {
        String sender = config.sender().orElse("no-reply@" + hosts.webHost());
        String messageId = ResetMessage.newMessageId();
        Instant now = Instant.now();
        byte[] content = ResetMessage.compose(sender, account.address(), token, config.tokenTtl(), "https://" + hosts.webHost(),
                clientIp, messageId, now);
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, messageId, now, hosts.webHost(), "127.0.0.1", null,
                null, SELF_SERVICE, sender,
                List.of(Recipient.local(account.address(), account.tenantId().toString(), account.id().toString())),
                content.length, Direction.SUBMISSION, Map.of());
        MailRecord record = MailRecord.unscored(envelope, content);
        return mail.sendMessage(Message.of(content)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(record.headers()).build()));
    }

    private static AuditEvent requested(UUID tenantId, String address, String clientIp, String outcome) {
        return new AuditEvent(UUID.randomUUID(), Instant.now(), tenantId, AuditType.PASSWORD_RESET_REQUESTED, SELF_SERVICE, address,
                "https", clientIp, outcome, Map.of());
    }
}
