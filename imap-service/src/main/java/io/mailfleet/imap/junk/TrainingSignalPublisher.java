package io.mailfleet.imap.junk;

import io.mailfleet.events.TrainingSignal;
import io.mailfleet.imap.session.Principal;
import io.mailfleet.mailstore.MessageEntry;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.UidRange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Publishes the spam filter's learning signals on {@code spam.training} ({@link TrainingSignal}): one record per
 * message a user moved into or out of Junk, keyed by tenant, the message's bytes cut at
 * {@link TrainingSignal#MAX_CONTENT}. Runs after the command has completed, off the client's path, one message at
 * a time (a large MOVE does not read every message at once); best effort: the move is done whatever happens
 * here, and a lost signal only means one example less to learn from.
 */
@ApplicationScoped
public class TrainingSignalPublisher {

    private static final Logger LOG = Logger.getLogger(TrainingSignalPublisher.class);
    static final String SOURCE = "imap-move";

    private final MutinyEmitter<byte[]> emitter;
    private final Messages messages;
    private final Clock clock;

    TrainingSignalPublisher(@Channel("spam-training-out") MutinyEmitter<byte[]> emitter, Messages messages) {
        this.emitter = emitter;
        this.messages = messages;
        this.clock = Clock.systemUTC();
    }

    /** Starts publishing a signal for each of {@code uids} (ascending) of the mailbox they are now in; returns at once. */
    public void publish(Principal user, long mailboxId, List<Long> uids, TrainingSignal.Label label) {
        if (uids.isEmpty()) {
            return;
        }
        Set<Long> wanted = new HashSet<>(uids);
        messages.list(user.accountId(), mailboxId, new UidRange(uids.get(0), uids.get(uids.size() - 1)))
                .onItem().transformToMulti(entries -> Multi.createFrom().iterable(entries))
                .filter(entry -> wanted.contains(entry.uid()))
                .onItem().transformToUniAndConcatenate(entry -> publishOne(user, entry, label)
                        .onFailure().invoke(failure -> LOG.warnf("spam.training signal not published for account %s, UID %d: %s",
                                user.accountId(), entry.uid(), failure.toString()))
                        .onFailure().recoverWithNull())
                .subscribe().with(
                        sent -> { },
                        failure -> LOG.warnf("spam.training signal not published for account %s: %s",
                                user.accountId(), failure.toString()));
    }

    private Uni<Void> publishOne(Principal user, MessageEntry entry, TrainingSignal.Label label) {
        return messages.content(user.accountId(), entry.mailboxId(), entry.uid()).chain(content -> {
            if (content.isEmpty()) {
                return Uni.createFrom().voidItem(); // expunged meanwhile: nothing to learn from
            }
            byte[] bytes = content.get();
            byte[] value = bytes.length > TrainingSignal.MAX_CONTENT ? Arrays.copyOf(bytes, TrainingSignal.MAX_CONTENT) : bytes;
            TrainingSignal signal = new TrainingSignal(TrainingSignal.CURRENT_VERSION, user.tenantId(), user.accountId(),
                    entry.blob().hex(), label, SOURCE, clock.instant());
            RecordHeaders headers = new RecordHeaders();
            TrainingSignal.HEADER.write(headers, signal);
            Message<byte[]> message = Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(user.tenantId()).withHeaders(headers).build());
            return emitter.sendMessage(message);
        });
    }
}
