package io.mailfleet.smtp;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.NetServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Binds the MX, submission and SMTPS ports on the Vert.x event loop. Until the SMTP protocol lands
 * every connection is told politely to come back later (421), which a sending MTA treats as a
 * temporary failure and retries: no mail is lost.
 */
@ApplicationScoped
public class SmtpListeners {

    private static final Logger LOG = Logger.getLogger(SmtpListeners.class);

    private final Vertx vertx;
    private final SmtpConfig config;
    private final Map<String, NetServer> servers = new java.util.concurrent.ConcurrentHashMap<>();

    public SmtpListeners(Vertx vertx, SmtpConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        Buffer notYet = Buffer.buffer("421 4.3.2 " + config.hostname() + " Service not available yet, try again later\r\n");
        Map<String, Integer> ports = Map.of("mx", config.mxPort(), "submission", config.submissionPort(), "smtps", config.smtpsPort());
        ports.forEach((name, port) -> {
            NetServer server = vertx.createNetServer()
                    .connectHandler(socket -> socket.write(notYet).subscribe().with(done -> socket.closeAndForget()));
            server.listenAndAwait(port, config.bindHost());
            servers.put(name, server);
            LOG.infof("SMTP %s listener on %s:%d", name, config.bindHost(), server.actualPort());
        });
    }

    /** The port a listener ("mx", "submission", "smtps") is bound to; differs from config when that is 0. */
    public int boundPort(String name) {
        return servers.get(name).actualPort();
    }

    void stop(@Observes ShutdownEvent event) {
        servers.values().forEach(NetServer::closeAndAwait);
    }
}
