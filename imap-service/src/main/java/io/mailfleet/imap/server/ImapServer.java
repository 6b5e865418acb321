package io.mailfleet.imap.server;

import io.mailfleet.imap.ImapConfig;
import io.mailfleet.imap.command.ImapCommandDispatcher;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns accepted sockets of the IMAP listeners into {@link ImapConnection}s. */
@ApplicationScoped
public class ImapServer {

    private final Vertx vertx;
    private final ImapConfig config;
    private final ImapCommandDispatcher dispatcher;

    ImapServer(Vertx vertx, ImapConfig config, ImapCommandDispatcher dispatcher) {
        this.vertx = vertx;
        this.config = config;
        this.dispatcher = dispatcher;
    }

    public void accept(NetSocket socket) {
        new ImapConnection(vertx, socket, config, dispatcher).start();
    }
}
