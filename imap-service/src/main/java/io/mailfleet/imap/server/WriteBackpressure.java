package io.mailfleet.imap.server;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;

/**
 * Lets a command that streams a large response (FETCH, RETR) wait until the socket's write queue has
 * room again, so a slow client bounds the memory a session holds instead of growing it.
 */
public final class WriteBackpressure {

    private WriteBackpressure() {
    }

    /** Completes at once when the queue has room (or the connection is closed), else when it drains. */
    public static Uni<Void> drained(NetSocket socket, Context context, boolean closed) {
        if (closed || !socket.writeQueueFull()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> context.runOnContext(v -> {
            if (!socket.writeQueueFull()) {
                emitter.complete(null);
            } else {
                socket.drainHandler(drained -> {
                    socket.drainHandler(null);
                    emitter.complete(null);
                });
            }
        }));
    }
}
