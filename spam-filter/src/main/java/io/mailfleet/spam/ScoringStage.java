package io.mailfleet.spam;

import io.mailfleet.events.MailRecord;
import io.mailfleet.events.MalformedRecordException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * mail.inbound → mail.scored. The raw message bytes pass through unchanged apart from the header fields the filter puts
 * on top (and forged Authentication-Results it removes); the verdict travels as a record header. The inbound record is acknowledged only when the broker has the scored one, so a crash in
 * between re-scores rather than loses the message.
 */
@ApplicationScoped
public class ScoringStage {

    private final MessageScorer scorer;

    public ScoringStage(MessageScorer scorer) {
        this.scorer = scorer;
    }

    @Incoming("mail-inbound")
    @Outgoing("mail-scored")
    public Uni<Message<byte[]>> score(Message<byte[]> inbound) {
        IncomingKafkaRecordMetadata<?, ?> kafka = inbound.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        MailRecord mail;
        try {
            mail = MailRecord.from(kafka.getHeaders(), inbound.getPayload());
        } catch (MalformedRecordException e) {
            // nacking sends the record to mail.dead-letter with the reason; the partition moves on
            return Uni.createFrom().completionStage(inbound.nack(e)).replaceWith(Uni.createFrom().nullItem());
        }
        return scorer.score(mail).map(scored -> {
            OutgoingKafkaRecordMetadata<String> outgoing = OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(scored.key())
                    .withHeaders(scored.headers())
                    .build();
            return inbound.withPayload(scored.content()).withMetadata(Metadata.of(outgoing));
        });
    }
}
