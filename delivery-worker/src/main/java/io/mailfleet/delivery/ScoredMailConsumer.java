package io.mailfleet.delivery;

import io.mailfleet.events.MailRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes mail.scored in batches (up to {@code max.poll.records}) and hands them to
 * {@link MailDelivery}, which stores the batch's local copies in one transaction. The batch is
 * acknowledged (its offsets committed) only after delivery succeeded, i.e. after the database commit.
 *
 * <p>A record that can never be delivered goes to the dead-letter topic with the reason and the rest
 * of the batch goes on; when the database refuses the batch for a reason tied to one message, the
 * batch is delivered record by record to find it. An infrastructure failure is retried with backoff,
 * holding the partition: dead-lettering good mail would lose it.
 */
@ApplicationScoped
public class ScoredMailConsumer {

    private static final Logger LOG = Logger.getLogger(ScoredMailConsumer.class);

    private record Readable(KafkaRecord<String, byte[]> record, MailRecord mail) {
    }

    private final MailDelivery delivery;
    private final DeadLetters deadLetters;
    private final DeliveryConfig config;

    public ScoredMailConsumer(MailDelivery delivery, DeadLetters deadLetters, DeliveryConfig config) {
        this.delivery = delivery;
        this.deadLetters = deadLetters;
        this.config = config;
    }

    @Incoming("mail-scored")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<Readable> readable = new ArrayList<>();
        List<Uni<Void>> poisoned = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            try {
                readable.add(new Readable(record, MailRecord.from(record.getHeaders(), record.getPayload())));
            } catch (RuntimeException contractBroken) {
                poisoned.add(withRetry(deadLetters.publish(record, contractBroken)));
            }
        }
        Uni<Void> deadLettered = poisoned.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(poisoned).andCollectFailures().replaceWithVoid();
        return deadLettered
                .chain(() -> deliver(readable))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Void> deliver(List<Readable> readable) {
        if (readable.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return withRetry(delivery.deliver(readable.stream().map(Readable::mail).toList()))
                .onFailure(PoisonRecords::isPoison).recoverWithUni(poison -> {
                    LOG.warnf("batch of %d refused (%s); delivering record by record", readable.size(), PoisonRecords.reason(poison));
                    return Multi.createFrom().iterable(readable)
                            .onItem().transformToUniAndConcatenate(one -> withRetry(delivery.deliver(List.of(one.mail())))
                                    .onFailure(PoisonRecords::isPoison).recoverWithUni(reason -> withRetry(deadLetters.publish(one.record(), reason))))
                            .collect().last()
                            .replaceWithVoid();
                });
    }

    /** Infrastructure failures are retried without limit; a poison failure passes through at once. */
    private Uni<Void> withRetry(Uni<Void> step) {
        return step
                .onFailure(failure -> !PoisonRecords.isPoison(failure))
                .invoke(failure -> LOG.warnf("delivery step failed, retrying: %s", failure.toString()))
                .onFailure(failure -> !PoisonRecords.isPoison(failure))
                .retry().withBackOff(config.transientRetry().initialBackoff(), config.transientRetry().maxBackoff())
                .indefinitely();
    }
}
