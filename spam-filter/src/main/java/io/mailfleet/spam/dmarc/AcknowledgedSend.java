package io.mailfleet.spam.dmarc;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;

/** Sends a message through a Kafka channel now; the {@link Uni} completes when the broker has it, or fails with the nack. */
final class AcknowledgedSend {

    private AcknowledgedSend() {
    }

    static <T> Uni<Void> send(MutinyEmitter<T> emitter, Message<T> message) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        emitter.sendMessageAndForget(message
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return Uni.createFrom().completionStage(acknowledged);
    }
}
