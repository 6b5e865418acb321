package io.mailfleet.delivery;

import io.mailfleet.events.MailRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes mail.scored and hands each message to {@link MailDelivery}; the record is acknowledged
 * (its offset committed) only after delivery succeeded.
 */
@ApplicationScoped
public class ScoredMailConsumer {

    private final MailDelivery delivery;

    public ScoredMailConsumer(MailDelivery delivery) {
        this.delivery = delivery;
    }

    @Incoming("mail-scored")
    public Uni<Void> consume(Message<byte[]> scored) {
        return Uni.createFrom().item(() -> read(scored))
                .chain(delivery::deliver)
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(scored.ack()))
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(scored.nack(failure)));
    }

    /** A record that breaks the contract fails here and is nacked to the dead-letter topic. */
    private static MailRecord read(Message<byte[]> scored) {
        IncomingKafkaRecordMetadata<?, ?> kafka = scored.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        return MailRecord.from(kafka.getHeaders(), scored.getPayload());
    }
}
