package io.mailfleet.spam.bayes;

import io.mailfleet.events.MalformedRecordException;
import io.mailfleet.events.TrainingSignal;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * spam.training → the tenant's Bayes model. The record is acknowledged after the model was updated in PostgreSQL; a record
 * without a valid {@link TrainingSignal} header goes to mail.dead-letter with the reason. Tokenizing is CPU work on up to
 * 256 KiB, so it runs on the worker pool, not on the Kafka event loop.
 */
@ApplicationScoped
public class TrainingSignalConsumer {

    private static final Logger LOG = Logger.getLogger(TrainingSignalConsumer.class);

    private final GlobalBayesModel model;
    private final TenantBayesStore store;

    public TrainingSignalConsumer(GlobalBayesModel model, TenantBayesStore store) {
        this.model = model;
        this.store = store;
    }

    @Incoming("spam-training")
    public Uni<Void> learn(Message<byte[]> record) {
        IncomingKafkaRecordMetadata<?, ?> kafka = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        TrainingSignal signal;
        try {
            signal = TrainingSignal.HEADER.read(kafka.getHeaders());
            if (record.getPayload() == null || record.getPayload().length == 0) {
                throw new MalformedRecordException("training record without message content");
            }
        } catch (MalformedRecordException | IllegalArgumentException e) {
            return Uni.createFrom().completionStage(record.nack(e));
        }
        byte[] content = record.getPayload();
        // a signal without the stored message's id is recognised again by its content
        String messageId = signal.messageId() != null && !signal.messageId().isBlank() ? signal.messageId() : "sha256:" + sha256(content);
        return Uni.createFrom().item(() -> model.tokens(content))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(tokens -> store.learn(signal.tenantId(), messageId, signal.label(), tokens))
                .invoke(outcome -> LOG.debugf("tenant %s message %s as %s: %s", signal.tenantId(), messageId, signal.label(), outcome))
                .flatMap(outcome -> Uni.createFrom().completionStage(record.ack()))
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(record.nack(failure)));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
