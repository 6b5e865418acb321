package io.mailfleet.delivery.outbound;

import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Hands messages to the outbound relay on {@code mail.outbound} (key = message id): remote recipients
 * unchanged, and failure records for recipients local delivery gave up on. Each send completes when
 * the broker acknowledged it ({@code acks=all}), before the incoming record is acknowledged.
 */
@ApplicationScoped
public class OutboundPublisher {

    private static final Logger LOG = Logger.getLogger(OutboundPublisher.class);

    private final MutinyEmitter<byte[]> outbound;

    OutboundPublisher(@Channel("mail-outbound") MutinyEmitter<byte[]> outbound) {
        this.outbound = outbound;
    }

    /** The message for the remote recipients, content and verdict unchanged. */
    public Uni<Void> relay(MailRecord mail, List<Recipient> remote) {
        return send(withRecipients(mail, remote), null);
    }

    /**
     * A failure record for the outbound relay to turn into a DSN. Nothing is sent for a null sender
     * ({@code MAIL FROM:<>}): bounces are never bounced (RFC 5321 4.5.5).
     */
    public Uni<Void> bounce(MailRecord mail, DeliveryFailure failure) {
        if (mail.envelope().mailFrom().isEmpty()) {
            LOG.infof("message %s: %d recipient(s) failed; null sender, no bounce", mail.key(), failure.recipients().size());
            return Uni.createFrom().voidItem();
        }
        List<Recipient> failed = failure.recipients().stream().map(r -> Recipient.remote(r.address())).toList();
        return send(withRecipients(mail, failed), failure);
    }

    private Uni<Void> send(MailRecord record, DeliveryFailure failure) {
        Headers headers = record.headers();
        if (failure != null) {
            DeliveryFailure.HEADER.write(headers, failure);
        }
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build();
        return outbound.sendMessage(Message.of(record.content()).addMetadata(metadata));
    }

    private static MailRecord withRecipients(MailRecord mail, List<Recipient> recipients) {
        return new MailRecord(mail.envelope().withRecipients(recipients), mail.content(), mail.verdict());
    }
}
