package io.mailfleet.delivery.local;

import io.mailfleet.mailstore.MailboxChange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;

/** Publishes committed mailbox changes on {@code mailbox.changes}, key = account id, for IMAP IDLE. */
@ApplicationScoped
public class MailboxChangePublisher {

    private final MutinyEmitter<String> changes;

    MailboxChangePublisher(@Channel("mailbox-changes") MutinyEmitter<String> changes) {
        this.changes = changes;
    }

    public Uni<Void> publish(List<MailboxChange> committed) {
        return Multi.createFrom().iterable(committed)
                .onItem().transformToUniAndMerge(change -> changes.sendMessage(Message.of(change.toJson())
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(change.accountId()).build())))
                .collect().last()
                .replaceWithVoid();
    }
}
