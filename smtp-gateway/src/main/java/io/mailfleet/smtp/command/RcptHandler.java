package io.mailfleet.smtp.command;

import io.mailfleet.directory.RecipientLookup;
import io.mailfleet.events.Recipient;
import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.smtp.directory.RecipientDirectory;
import io.mailfleet.smtp.directory.TenantPolicies;
import io.mailfleet.smtp.policy.ConnectionPolicy;
import io.mailfleet.smtp.policy.SenderLimits;
import io.mailfleet.smtp.protocol.PathArgument;
import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.session.SmtpSession;
import io.mailfleet.smtp.session.Transaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RCPT TO (RFC 5321 4.1.1.3) with the DSN parameters NOTIFY and ORCPT (RFC 3461). Every recipient is
 * checked against the directory: hosted addresses must exist, and only an authenticated client may send
 * to other domains — the gateway is never an open relay.
 */
@ApplicationScoped
public class RcptHandler implements CommandHandler {

    private static final Logger LOG = Logger.getLogger(RcptHandler.class);
    /** {@code TO:<Postmaster>} without a domain, case-insensitive (RFC 5321 4.1.1.3), with any parameters after it. */
    private static final Pattern BARE_POSTMASTER = Pattern.compile("TO: ?<postmaster>(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NOTIFY = Pattern.compile("NEVER|(?:SUCCESS|FAILURE|DELAY)(?:,(?:SUCCESS|FAILURE|DELAY))*",
            Pattern.CASE_INSENSITIVE);

    private final SmtpConfig config;
    private final RecipientDirectory directory;
    private final TenantPolicies policies;

    public RcptHandler(SmtpConfig config, RecipientDirectory directory, TenantPolicies policies) {
        this.config = config;
        this.directory = directory;
        this.policies = policies;
    }

    @Override
    public Set<String> verbs() {
        return Set.of("RCPT");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        Transaction transaction = session.transaction();
        if (transaction == null) {
            return Replies.sequence("Need MAIL before RCPT");
        }
        var parsed = PathArgument.parse(withPostmasterDomain(argument), "TO:", false);
        if (parsed.isEmpty()) {
            return Replies.now(501, "5.1.3", "Bad recipient address syntax");
        }
        PathArgument path = parsed.get();
        Map<String, String> dsn = new LinkedHashMap<>();
        for (var parameter : path.parameters().entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "NOTIFY" -> {
                    if (value == null || !NOTIFY.matcher(value).matches()) {
                        return Replies.now(501, "5.5.4", "Bad NOTIFY parameter");
                    }
                }
                case "ORCPT" -> {
                    if (value == null || value.indexOf(';') <= 0 || value.endsWith(";")) {
                        return Replies.now(501, "5.5.4", "Bad ORCPT parameter");
                    }
                }
                default -> {
                    return Replies.now(555, "5.5.4", "Unsupported RCPT parameter " + parameter.getKey());
                }
            }
            dsn.put(parameter.getKey(), value);
        }
        if (!path.ascii() && !transaction.smtpUtf8()) {
            return Replies.now(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
        }
        if (transaction.recipients().size() >= SenderLimits.recipientsPerMessage(session, config.limits())) {
            return Replies.now(452, "4.5.3", "Too many recipients");
        }
        if (transaction.recipients().stream().anyMatch(known -> known.address().equalsIgnoreCase(path.address()))) {
            return Replies.now(250, "2.1.5", "Ok (duplicate recipient)");
        }
        boolean authenticated = session.authenticated() != null;
        return directory.lookup(path.address()).flatMap(lookup -> {
            if (!lookup.hostedDomain()) {
                if (!authenticated) {
                    return Replies.now(554, "5.7.1", "Relay access denied");
                }
                transaction.addRecipient(new Recipient(path.address(), null, null, dsn));
                return Replies.now(250, "2.1.5", "Ok");
            }
            Uni<TenantPolicy> policy = session.listener() == Listener.MX
                    ? policies.of(lookup.tenantId())
                    : Uni.createFrom().item(TenantPolicy.defaults(lookup.tenantId()));
            return policy.map(recipientPolicy -> {
                CommandResult refused = clientRefused(session, recipientPolicy);
                if (refused != null) {
                    return refused;
                }
                if (!lookup.exists()) {
                    return CommandResult.reply(550, "5.1.1", "Recipient address rejected: user unknown");
                }
                transaction.addRecipient(new Recipient(path.address(), lookup.tenantId(), singleAccount(lookup), dsn));
                return CommandResult.reply(250, "2.1.5", "Ok");
            });
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("session %s: recipient lookup failed: %s", session.id(), failure.toString());
            return CommandResult.reply(451, "4.4.3", "Directory temporarily unavailable, try again later");
        });
    }

    /** The domain-less postmaster gets the operator's postmaster address; everything else is left as sent. */
    private String withPostmasterDomain(String argument) {
        Matcher bare = BARE_POSTMASTER.matcher(argument);
        if (!bare.matches()) {
            return argument;
        }
        return "TO:<" + config.postmaster().orElse("postmaster@" + config.hostname()) + ">" + bare.group(1);
    }

    /**
     * MX only: the recipient's tenant refuses the client's IP ({@code ipDeny}), or the client is on a DNSBL
     * and the tenant does not trust it ({@code ipAllow}). Checked before the recipient's existence, so a
     * refused client learns nothing about the tenant's addresses.
     */
    private static CommandResult clientRefused(SmtpSession session, TenantPolicy recipientPolicy) {
        if (session.listener() != Listener.MX) {
            return null;
        }
        String ip = session.clientIp();
        if (recipientPolicy.denies(ip)) {
            LOG.infof("session %s: client %s denied by the policy of tenant %s", session.id(), ip, recipientPolicy.tenantId());
            return CommandResult.reply(550, "5.7.1", "Recipient address rejected: client [" + ip + "] not accepted by the recipient's domain");
        }
        if (session.dnsblZone() != null && !recipientPolicy.trusts(ip)) {
            return CommandResult.reply(ConnectionPolicy.dnsblRefusal(ip, session.dnsblZone()));
        }
        return null;
    }

    /**
     * The account when the address is one mailbox; null when it expands to several (lists, aliases),
     * which delivery resolves through the directory again.
     */
    private static String singleAccount(RecipientLookup lookup) {
        return lookup.deliverTo() != null && lookup.deliverTo().size() == 1 ? lookup.deliverTo().get(0).accountId() : null;
    }
}
