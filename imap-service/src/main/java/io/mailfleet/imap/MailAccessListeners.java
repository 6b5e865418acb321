package io.mailfleet.imap;

import io.mailfleet.imap.pop3.Pop3Server;
import io.mailfleet.imap.server.ImapServer;
import io.mailfleet.imap.tls.ServerTls;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Binds the IMAP (STARTTLS), IMAPS, POP3 (STLS) and POP3S ports on Vert.x event loops. A fixed port is
 * bound once per event loop so connections spread over the cores; port 0 (tests) is bound once.
 */
@ApplicationScoped
public class MailAccessListeners {

    private static final Logger LOG = Logger.getLogger(MailAccessListeners.class);

    private final Vertx vertx;
    private final ImapConfig config;
    private final ServerTls tls;
    private final ImapServer imap;
    private final Pop3Server pop3;
    private final Map<String, List<NetServer>> servers = new ConcurrentHashMap<>();

    public MailAccessListeners(Vertx vertx, ImapConfig config, ServerTls tls, ImapServer imap, Pop3Server pop3) {
        this.vertx = vertx;
        this.config = config;
        this.tls = tls;
        this.imap = imap;
        this.pop3 = pop3;
    }

    void start(@Observes StartupEvent event) throws Exception {
        listen("imap", config.imapPort(), false, imap::accept);
        listen("imaps", config.imapsPort(), true, imap::accept);
        listen("pop3", config.pop3Port(), false, pop3::accept);
        listen("pop3s", config.pop3sPort(), true, pop3::accept);
    }

    private void listen(String name, int port, boolean implicitTls, Handler<NetSocket> handler) throws Exception {
        int instances = port == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        List<NetServer> bound = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            NetServer server = vertx.createNetServer(tls.serverOptions(implicitTls)).connectHandler(handler);
            server.listen(port, config.bindHost()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            bound.add(server);
        }
        servers.put(name, bound);
        LOG.infof("%s listener on %s:%d (%d event loops)", name, config.bindHost(), bound.get(0).actualPort(), instances);
    }

    /** The port a listener ("imap", "imaps", "pop3", "pop3s") is bound to; differs from config when that is 0. */
    public int boundPort(String name) {
        return servers.get(name).get(0).actualPort();
    }

    /**
     * The TLS registry re-read the certificate files ({@code quarkus.tls.mail.reload-period}): when they hold a
     * new certificate, every listener switches to it for new connections and STARTTLS/STLS upgrades; sessions
     * already in TLS keep theirs. A failed update leaves the old certificate in place.
     */
    void certificateUpdated(@Observes CertificateUpdatedEvent event) {
        tls.reloaded(event.name(), event.tlsConfiguration()).ifPresent(ssl -> {
            // force: the options may name the same files as before, which Vert.x would otherwise take as "unchanged"
            Future.all(servers.values().stream().flatMap(List::stream).map(server -> server.updateSSLOptions(ssl, true)).toList())
                    .onComplete(done -> {
                        if (done.succeeded()) {
                            LOG.infof("IMAP/POP3 listeners now present the reloaded certificate of TLS configuration '%s'", event.name());
                        } else {
                            LOG.errorf(done.cause(), "IMAP/POP3 listeners could not switch to the reloaded certificate of '%s'", event.name());
                        }
                    });
        });
    }

    void stop(@Observes ShutdownEvent event) {
        servers.values().forEach(list -> list.forEach(server -> server.close()));
    }
}
