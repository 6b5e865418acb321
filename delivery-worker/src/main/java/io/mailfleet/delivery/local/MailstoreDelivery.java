package io.mailfleet.delivery.local;

import io.mailfleet.delivery.DeliveryConfig;
import io.mailfleet.delivery.MailDelivery;
import io.mailfleet.delivery.outbound.DeliveryFailure;
import io.mailfleet.delivery.outbound.OutboundPublisher;
import io.mailfleet.delivery.recipients.LocalRecipient;
import io.mailfleet.delivery.recipients.RecipientExpansion;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.mailstore.delivery.Delivery;
import io.mailfleet.mailstore.delivery.DeliveryOutcome;
import io.mailfleet.mailstore.delivery.DeliveryTarget;
import io.mailfleet.mailstore.delivery.LocalDeliveries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers a scored message: expands the recipients through the directory, writes the local copies
 * in one mailstore transaction (idempotent per message and account), publishes the mailbox changes,
 * hands remote recipients to the relay and asks for a bounce for recipients that cannot get it.
 * Every step is safe to repeat, so a record redelivered after a crash at any point ends the same way.
 */
@ApplicationScoped
public class MailstoreDelivery implements MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailstoreDelivery.class);

    private final RecipientExpansion expansion;
    private final LocalDeliveries deliveries;
    private final MailboxChangePublisher changes;
    private final OutboundPublisher outbound;
    private final DeliveryConfig config;

    MailstoreDelivery(RecipientExpansion expansion, LocalDeliveries deliveries, MailboxChangePublisher changes,
                      OutboundPublisher outbound, DeliveryConfig config) {
        this.expansion = expansion;
        this.deliveries = deliveries;
        this.changes = changes;
        this.outbound = outbound;
        this.config = config;
    }

    @Override
    public Uni<Void> deliver(MailRecord mail) {
        return expansion.expand(mail.envelope().recipients())
                .chain(resolved -> deliverLocally(mail, resolved.local())
                        .chain(overQuota -> relay(mail, resolved.remote())
                                .chain(() -> bounce(mail, resolved.unknown(), overQuota))));
    }

    private Uni<Void> relay(MailRecord mail, List<Recipient> remote) {
        return remote.isEmpty() ? Uni.createFrom().voidItem() : outbound.relay(mail, remote);
    }

    /** One failure record for every recipient that cannot get the message. */
    private Uni<Void> bounce(MailRecord mail, List<Recipient> unknown, List<LocalRecipient> overQuota) {
        List<DeliveryFailure.FailedRecipient> failed = new ArrayList<>();
        unknown.forEach(recipient -> failed.add(new DeliveryFailure.FailedRecipient(recipient.address(), "5.1.1",
                "no such mailbox here")));
        overQuota.forEach(recipient -> failed.add(new DeliveryFailure.FailedRecipient(recipient.address(), "5.2.2",
                "mailbox full for longer than " + config.quota().retryFor().toSeconds() + " s")));
        return failed.isEmpty()
                ? Uni.createFrom().voidItem()
                : outbound.bounce(mail, new DeliveryFailure(DeliveryFailure.CURRENT_VERSION, failed));
    }

    /** Yields the local recipients still over quota once the retry time is up (empty when all got it). */
    private Uni<List<LocalRecipient>> deliverLocally(MailRecord mail, List<LocalRecipient> recipients) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Delivery delivery = new Delivery(mail.key(), mail.content(), internalDate(mail), recipients.stream()
                .map(recipient -> new DeliveryTarget(recipient.accountId(), VerdictRouting.destination(mail.verdict(), recipient),
                        DeliveryHeaders.prefix(recipient.address(), mail.verdict()), VerdictRouting.flags(mail.verdict())))
                .toList());
        long retryUntil = System.nanoTime() + config.quota().retryFor().toNanos();
        return Uni.createFrom().deferred(() -> deliveries.deliver(delivery))
                .call(outcomes -> changes.publish(changesOf(outcomes)))
                .invoke(outcomes -> {
                    List<DeliveryOutcome> overQuota = outcomes.stream().filter(o -> o.status() == DeliveryOutcome.Status.OVER_QUOTA).toList();
                    if (!overQuota.isEmpty()) {
                        LOG.infof("message %s: %s; retrying", mail.key(), overQuota.stream().map(DeliveryOutcome::accountId).toList());
                        throw new OverQuotaException(overQuota);
                    }
                })
                .map(outcomes -> List.<LocalRecipient>of())
                .onFailure(failure -> failure instanceof OverQuotaException && System.nanoTime() < retryUntil).retry()
                .withBackOff(config.quota().initialBackoff(), config.quota().maxBackoff())
                .indefinitely()
                .onFailure(OverQuotaException.class).recoverWithItem(failure -> recipients.stream()
                        .filter(recipient -> ((OverQuotaException) failure).accountIds().contains(recipient.accountId()))
                        .toList());
    }

    private static List<MailboxChange> changesOf(List<DeliveryOutcome> outcomes) {
        List<MailboxChange> list = new ArrayList<>();
        for (DeliveryOutcome outcome : outcomes) {
            // duplicates are announced again: the first attempt may have died between commit and publish
            outcome.stored().ifPresent(stored -> list.add(new MailboxChange(outcome.accountId(), stored.mailboxId(), stored.uidValidity(),
                    MailboxChange.Kind.APPENDED, List.of(stored.uid()), stored.modseq())));
        }
        return list;
    }

    private static OffsetDateTime internalDate(MailRecord mail) {
        return mail.envelope().receivedAt() == null
                ? OffsetDateTime.now(ZoneOffset.UTC)
                : mail.envelope().receivedAt().atOffset(ZoneOffset.UTC);
    }
}
