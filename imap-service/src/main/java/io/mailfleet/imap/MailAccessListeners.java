package io.mailfleet.imap;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.NetServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds the IMAP and POP3 ports on the Vert.x event loop. Until the protocols land, each connection
 * gets the protocol's own polite refusal (IMAP {@code * BYE}, POP3 {@code -ERR}) and is closed.
 */
@ApplicationScoped
public class MailAccessListeners {

    private static final Logger LOG = Logger.getLogger(MailAccessListeners.class);

    private final Vertx vertx;
    private final ImapConfig config;
    private final Map<String, NetServer> servers = new ConcurrentHashMap<>();

    public MailAccessListeners(Vertx vertx, ImapConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        String imapBye = "* BYE [UNAVAILABLE] " + config.hostname() + " IMAP not available yet\r\n";
        String pop3Err = "-ERR [SYS/TEMP] " + config.hostname() + " POP3 not available yet\r\n";
        listen("imap", config.imapPort(), imapBye);
        listen("imaps", config.imapsPort(), imapBye);
        listen("pop3", config.pop3Port(), pop3Err);
        listen("pop3s", config.pop3sPort(), pop3Err);
    }

    private void listen(String name, int port, String refusal) {
        Buffer reply = Buffer.buffer(refusal);
        NetServer server = vertx.createNetServer()
                .connectHandler(socket -> socket.write(reply).subscribe().with(done -> socket.closeAndForget()));
        server.listenAndAwait(port, config.bindHost());
        servers.put(name, server);
        LOG.infof("%s listener on %s:%d", name, config.bindHost(), server.actualPort());
    }

    /** The port a listener ("imap", "imaps", "pop3", "pop3s") is bound to; differs from config when that is 0. */
    public int boundPort(String name) {
        return servers.get(name).actualPort();
    }

    void stop(@Observes ShutdownEvent event) {
        servers.values().forEach(NetServer::closeAndAwait);
    }
}
