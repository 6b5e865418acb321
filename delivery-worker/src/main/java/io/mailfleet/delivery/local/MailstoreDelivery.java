package io.mailfleet.delivery.local;

import io.mailfleet.delivery.DeliveryConfig;
import io.mailfleet.delivery.MailDelivery;
import io.mailfleet.delivery.outbound.DeliveryFailure;
import io.mailfleet.delivery.outbound.OutboundPublisher;
import io.mailfleet.delivery.recipients.LocalRecipient;
import io.mailfleet.delivery.recipients.RecipientExpansion;
import io.mailfleet.delivery.recipients.ResolvedRecipients;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.mailstore.delivery.Delivery;
import io.mailfleet.mailstore.delivery.DeliveryOutcome;
import io.mailfleet.mailstore.delivery.DeliveryTarget;
import io.mailfleet.mailstore.delivery.LocalDeliveries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Delivers a batch of scored messages: expands the recipients through the directory, writes all
 * local copies of the batch in ONE mailstore transaction (idempotent per message and account),
 * publishes the mailbox changes, hands remote recipients to the relay and asks for a bounce for
 * recipients that cannot get the message. Every step is safe to repeat, so a batch redelivered after
 * a crash at any point ends the same way.
 */
@ApplicationScoped
public class MailstoreDelivery implements MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailstoreDelivery.class);

    /** One message with its recipients expanded. */
    private record Planned(MailRecord mail, ResolvedRecipients recipients) {
    }

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
    public Uni<Void> deliver(List<MailRecord> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(mail -> expansion.expand(mail.envelope().recipients())
                        .map(resolved -> new Planned(mail, resolved)))
                .collect().asList()
                .chain(planned -> deliverLocally(planned)
                        .chain(overQuota -> Multi.createFrom().iterable(planned)
                                .onItem().transformToUniAndConcatenate(plan -> relay(plan.mail(), plan.recipients().remote())
                                        .chain(() -> bounce(plan, overQuota)))
                                .collect().last()))
                .replaceWithVoid();
    }

    /**
     * Writes every local copy of the batch in one transaction; yields which (message id, account)
     * pairs are still over quota once the retry time is up (none when everything was stored).
     */
    private Uni<BiPredicate<String, String>> deliverLocally(List<Planned> planned) {
        List<Delivery> batch = planned.stream()
                .filter(plan -> !plan.recipients().local().isEmpty())
                .map(plan -> delivery(plan.mail(), plan.recipients().local()))
                .toList();
        BiPredicate<String, String> none = (messageId, accountId) -> false;
        if (batch.isEmpty()) {
            return Uni.createFrom().item(none);
        }
        long retryUntil = System.nanoTime() + config.quota().retryFor().toNanos();
        return Uni.createFrom().deferred(() -> deliveries.deliver(batch))
                .call(outcomes -> changes.publish(changesOf(outcomes)))
                .invoke(outcomes -> {
                    List<DeliveryOutcome> overQuota = outcomes.stream().filter(o -> o.status() == DeliveryOutcome.Status.OVER_QUOTA).toList();
                    if (!overQuota.isEmpty()) {
                        OverQuotaException full = new OverQuotaException(overQuota);
                        LOG.infof("%s; retrying", full.getMessage());
                        throw full;
                    }
                })
                .replaceWith(none)
                .onFailure(failure -> failure instanceof OverQuotaException && System.nanoTime() < retryUntil).retry()
                .withBackOff(config.quota().initialBackoff(), config.quota().maxBackoff())
                .indefinitely()
                .onFailure(OverQuotaException.class).recoverWithItem(failure -> ((OverQuotaException) failure)::isOverQuota);
    }

    private static Delivery delivery(MailRecord mail, List<LocalRecipient> recipients) {
        return new Delivery(mail.key(), mail.content(), internalDate(mail), recipients.stream()
                .map(recipient -> new DeliveryTarget(recipient.accountId(), VerdictRouting.destination(mail.verdict(), recipient),
                        DeliveryHeaders.prefix(recipient.address(), mail.verdict()), VerdictRouting.flags(mail.verdict())))
                .toList());
    }

    private Uni<Void> relay(MailRecord mail, List<Recipient> remote) {
        return remote.isEmpty() ? Uni.createFrom().voidItem() : outbound.relay(mail, remote);
    }

    /** One failure record for every recipient of the message that cannot get it. */
    private Uni<Void> bounce(Planned plan, BiPredicate<String, String> overQuota) {
        List<DeliveryFailure.FailedRecipient> failed = new ArrayList<>();
        plan.recipients().unknown().forEach(recipient -> failed.add(new DeliveryFailure.FailedRecipient(recipient.address(), "5.1.1",
                "no such mailbox here")));
        plan.recipients().local().stream()
                .filter(recipient -> overQuota.test(plan.mail().key(), recipient.accountId()))
                .forEach(recipient -> failed.add(new DeliveryFailure.FailedRecipient(recipient.address(), "5.2.2",
                        "mailbox full for longer than " + config.quota().retryFor().toSeconds() + " s")));
        return failed.isEmpty()
                ? Uni.createFrom().voidItem()
                : outbound.bounce(plan.mail(), new DeliveryFailure(DeliveryFailure.CURRENT_VERSION, failed));
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
