package io.mailfleet.delivery;

import io.mailfleet.events.MailHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Puts a record that can never be delivered on {@code mail.dead-letter}: same key, value and headers,
 * plus {@link MailHeaders#DEAD_LETTER_REASON} and where it came from. Done here rather than by nacking,
 * because a nack in batch mode would dead-letter the good records of the batch too.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    static final String ORIGIN = "mailfleet-dead-letter-origin";

    private final MutinyEmitter<byte[]> deadLetters;

    DeadLetters(@Channel("mail-dead-letter") MutinyEmitter<byte[]> deadLetters) {
        this.deadLetters = deadLetters;
    }

    public Uni<Void> publish(KafkaRecord<String, byte[]> record, Throwable poison) {
        String reason = PoisonRecords.reason(poison);
        String origin = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> kafka.getTopic() + "/" + kafka.getPartition() + "@" + kafka.getOffset())
                .orElse(record.getTopic() + "/" + record.getPartition());
        LOG.errorf("record %s (key %s) sent to the dead-letter topic: %s", origin, printable(record.getKey()), reason);
        RecordHeaders headers = new RecordHeaders(record.getHeaders().toArray());
        headers.remove(MailHeaders.DEAD_LETTER_REASON);
        headers.add(MailHeaders.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGIN, origin.getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(record.getKey()).withHeaders(headers).build();
        return deadLetters.sendMessage(Message.of(record.getPayload()).addMetadata(metadata));
    }

    /** A key from outside may hold control characters; the log gets none of them. */
    private static String printable(String key) {
        return key == null ? null : key.replaceAll("\\p{Cntrl}", "?");
    }
}
