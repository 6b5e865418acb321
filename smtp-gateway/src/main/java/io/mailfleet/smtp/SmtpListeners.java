package io.mailfleet.smtp;

import io.mailfleet.smtp.command.CommandDispatcher;
import io.mailfleet.smtp.observability.SmtpMetrics;
import io.mailfleet.smtp.policy.ConnectionLimiter;
import io.mailfleet.smtp.policy.ConnectionPolicy;
import io.mailfleet.smtp.policy.ReverseDns;
import io.mailfleet.smtp.session.Listener;
import io.mailfleet.tls.ListenerCertificate;
import io.mailfleet.tls.TlsProtocols;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SSLOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Binds the MX, submission and SMTPS listeners on the Vert.x event loops: one verticle per event loop,
 * sharing the ports, so connections spread over all cores and each is served by one thread.
 */
@ApplicationScoped
public class SmtpListeners {

    private static final Logger LOG = Logger.getLogger(SmtpListeners.class);
    /** TLS 1.3 suites and the TLS 1.2 ECDHE+AEAD suites: forward secrecy only, no CBC, no RSA key exchange. */
    private final Vertx vertx;
    private final SmtpConfig config;
    private final CommandDispatcher dispatcher;
    private final ConnectionLimiter connections;
    private final ConnectionPolicy policy;
    private final ReverseDns reverseDns;
    private final SmtpMetrics metrics;
    private final ListenerCertificate certificate;
    private final Map<Listener, Integer> boundPorts = new ConcurrentHashMap<>();
    private final List<String> deployments = new ArrayList<>();
    /** One server per listener: the verticle instances sharing a port share its TLS context too. */
    private final Map<Listener, NetServer> servers = new ConcurrentHashMap<>();
    /** Admitted connections, for shutdown: each is told to end when idle, and at the deadline regardless. */
    private final Set<SmtpConnection> open = ConcurrentHashMap.newKeySet();

    public SmtpListeners(Vertx vertx, SmtpConfig config, CommandDispatcher dispatcher, ConnectionLimiter connections,
                         ConnectionPolicy policy, ReverseDns reverseDns, SmtpMetrics metrics,
                         TlsConfigurationRegistry tlsRegistry) {
        this.vertx = vertx;
        this.config = config;
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.policy = policy;
        this.reverseDns = reverseDns;
        this.metrics = metrics;
        this.certificate = new ListenerCertificate(tlsRegistry, config.tls().configuration(), config.hostname());
    }

    void start(@Observes StartupEvent event) throws NoSuchAlgorithmException {
        // JSSE initialises itself (providers, SecureRandom seeding) on first use, which can take seconds:
        // do it here, not inside the first STARTTLS on an event-loop thread
        SSLContext.getDefault().createSSLEngine().getSupportedCipherSuites();
        Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
        ports.put(Listener.MX, config.mxPort());
        ports.put(Listener.SUBMISSION, config.submissionPort());
        ports.put(Listener.SMTPS, config.smtpsPort());
        int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
        String id = vertx.deployVerticle(() -> new ListenerVerticle(ports), new DeploymentOptions().setInstances(eventLoops))
                .toCompletionStage().toCompletableFuture().join();
        deployments.add(id);
        boundPorts.forEach((listener, port) ->
                LOG.infof("SMTP %s listener on %s:%d", listener.configName(), config.bindHost(), port));
    }

    /** The port a listener is bound to; differs from config when that is 0. */
    public int boundPort(Listener listener) {
        return boundPorts.get(listener);
    }

    void stop(@Observes ShutdownEvent event) {
        shutDown();
    }

    /**
     * Graceful shutdown: new connections are told {@code 421 4.3.2} (the client retries, another replica
     * answers), idle sessions are ended at once with {@code 421 4.3.2}, sessions inside a transaction may
     * finish it (the client gets its 250 only once the message is on Kafka) and are then ended the same
     * way. At the end of the grace period whatever is left is closed: with 421 unless a command is still
     * waiting for its answer (the broker's acknowledgement), in which case the client gets no reply at
     * all and retries — never a 250 for a message that is not on Kafka. Runs on the shutdown thread,
     * never an event loop; a second call does nothing.
     */
    public synchronized void shutDown() {
        if (deployments.isEmpty()) {
            return;
        }
        connections.drain();
        open.forEach(SmtpConnection::drain);
        long deadline = System.nanoTime() + config.limits().shutdownGrace().toNanos();
        while (connections.open() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        if (connections.open() > 0) {
            LOG.infof("closing %d SMTP sessions still open after the shutdown grace period", connections.open());
            open.forEach(SmtpConnection::forceClose);
        }
        for (String id : deployments) {
            vertx.undeploy(id).toCompletionStage().toCompletableFuture().join();
        }
        deployments.clear();
    }

    /**
     * The TLS registry re-read the certificate files ({@code quarkus.tls.<name>.reload-period}): when they
     * hold a new certificate, every server switches to it. New connections and STARTTLS upgrades get the
     * new certificate; sessions already in TLS keep theirs. A failed update leaves the old one in place.
     * (Vert.x 4.5 drops a connection that arrives in the milliseconds while the new TLS context is built;
     * the client sees a failed handshake and retries.)
     */
    void certificateUpdated(@Observes CertificateUpdatedEvent event) {
        if (!certificate.reloaded(event.name(), event.tlsConfiguration())) {
            return;
        }
        SSLOptions ssl = TlsProtocols.sslOptions(certificate.keyCertOptions());
        // force: the options may name the same files as before, which Vert.x would otherwise take as "unchanged"
        Future.all(servers.values().stream().map(server -> server.updateSSLOptions(ssl, true)).toList()).onComplete(done -> {
            if (done.succeeded()) {
                LOG.infof("SMTP listeners now present the reloaded certificate of TLS configuration '%s'", event.name());
            } else {
                LOG.errorf(done.cause(), "SMTP listeners could not switch to the reloaded certificate of '%s'", event.name());
            }
        });
    }

    private NetServerOptions options(Listener listener, int port) {
        NetServerOptions options = new NetServerOptions()
                .setHost(config.bindHost())
                // Vert.x shares a port between the verticle instances; a random port (0) is shared only
                // when asked for with a negative number, one per listener
                .setPort(port == 0 ? -1 - listener.ordinal() : port)
                .setSsl(listener.implicitTls())
                .setKeyCertOptions(certificate.keyCertOptions());
        return TlsProtocols.restrict(options);
    }

    private final class ListenerVerticle extends AbstractVerticle {

        private final Map<Listener, Integer> ports;

        ListenerVerticle(Map<Listener, Integer> ports) {
            this.ports = ports;
        }

        @Override
        public void start(Promise<Void> started) {
            List<Future<NetServer>> listening = new ArrayList<>();
            ports.forEach((listener, port) -> {
                boolean starttls = listener != Listener.MX || config.tls().mxStarttls();
                NetServer server = vertx.createNetServer(options(listener, port)).connectHandler(socket ->
                        new SmtpConnection(vertx, socket, listener, starttls, config, dispatcher, connections, open, policy,
                                reverseDns, metrics).start());
                servers.putIfAbsent(listener, server);
                listening.add(server.listen().onSuccess(bound -> boundPorts.putIfAbsent(listener, bound.actualPort())));
            });
            Future.all(listening).<Void>mapEmpty().onComplete(started);
        }
    }
}
