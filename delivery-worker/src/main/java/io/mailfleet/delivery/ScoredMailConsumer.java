package io.mailfleet.delivery;

import io.mailfleet.events.MailHeaders;
import io.mailfleet.events.MailRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Consumes mail.scored and hands each message to {@link MailDelivery}. The record is acknowledged
 * (its offset committed) only after delivery succeeded, i.e. after the database commit. A record that
 * can never be delivered is nacked to the dead-letter topic with the reason in
 * {@link MailHeaders#DEAD_LETTER_REASON}, and the partition moves on; an infrastructure failure is
 * retried with backoff, holding the partition, because dead-lettering good mail would lose it.
 */
@ApplicationScoped
public class ScoredMailConsumer {

    private static final Logger LOG = Logger.getLogger(ScoredMailConsumer.class);

    private final MailDelivery delivery;
    private final DeliveryConfig config;

    public ScoredMailConsumer(MailDelivery delivery, DeliveryConfig config) {
        this.delivery = delivery;
        this.config = config;
    }

    @Incoming("mail-scored")
    public Uni<Void> consume(Message<byte[]> scored) {
        return Uni.createFrom().item(() -> read(scored))
                .chain(mail -> delivery.deliver(mail)
                        .onFailure(failure -> !PoisonRecords.isPoison(failure))
                        .invoke(failure -> LOG.warnf("delivery of %s failed, retrying: %s", mail.key(), failure.toString()))
                        .onFailure(failure -> !PoisonRecords.isPoison(failure))
                        .retry().withBackOff(config.transientRetry().initialBackoff(), config.transientRetry().maxBackoff())
                        .indefinitely())
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(scored.ack()))
                .onFailure().recoverWithUni(poison -> deadLetter(scored, poison));
    }

    private static Uni<Void> deadLetter(Message<byte[]> scored, Throwable poison) {
        String reason = PoisonRecords.reason(poison);
        LOG.errorf("record sent to the dead-letter topic: %s", reason);
        var headers = new RecordHeaders().add(MailHeaders.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build();
        return Uni.createFrom().completionStage(scored.nack(poison, Metadata.of(metadata)));
    }

    /** A record that breaks the contract fails here. */
    private static MailRecord read(Message<byte[]> scored) {
        IncomingKafkaRecordMetadata<?, ?> kafka = scored.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        return MailRecord.from(kafka.getHeaders(), scored.getPayload());
    }
}
