package io.mailfleet.imap.pop3;

import io.mailfleet.imap.ImapConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns accepted sockets of the POP3 listeners into {@link Pop3Connection}s. */
@ApplicationScoped
public class Pop3Server {

    private final Vertx vertx;
    private final ImapConfig config;
    private final Pop3Commands commands;

    Pop3Server(Vertx vertx, ImapConfig config, Pop3Commands commands) {
        this.vertx = vertx;
        this.config = config;
        this.commands = commands;
    }

    public void accept(NetSocket socket) {
        new Pop3Connection(vertx, socket, config, commands).start();
    }
}
