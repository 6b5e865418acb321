package io.mailfleet.smtp;

import io.mailfleet.events.TlsInfo;
import io.mailfleet.smtp.command.CommandDispatcher;
import io.mailfleet.smtp.observability.SmtpMetrics;
import io.mailfleet.smtp.policy.Admission;
import io.mailfleet.smtp.policy.ConnectionLimiter;
import io.mailfleet.smtp.policy.ConnectionPolicy;
import io.mailfleet.smtp.policy.ReverseDns;
import io.mailfleet.smtp.protocol.CommandLine;
import io.mailfleet.smtp.protocol.InputBuffer;
import io.mailfleet.smtp.protocol.ReplyEncoder;
import io.mailfleet.smtp.protocol.SmtpReply;
import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.ContentReader;
import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.session.SmtpSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLSession;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One client connection: moves bytes between the socket and the protocol. Input is buffered and pulled
 * one command (or one block of content) at a time; while a command waits for something (directory,
 * Kafka, Redis) nothing else is read, so pipelined commands are answered in order (RFC 2920) and the
 * rules that change mid-stream (DATA, BDAT, STARTTLS) apply exactly from the next octet. Everything here
 * runs on the connection's event-loop context.
 */
final class SmtpConnection {

    private static final Logger LOG = Logger.getLogger(SmtpConnection.class);

    private enum Mode { GREETING, COMMAND, CONTENT, CONTINUATION, CLOSED }

    private final Vertx vertx;
    private final Context context;
    private final NetSocket socket;
    private final SmtpConfig config;
    private final CommandDispatcher dispatcher;
    private final ConnectionLimiter connections;
    private final Set<SmtpConnection> open;
    private final ConnectionPolicy policy;
    private final ReverseDns reverseDns;
    private final SmtpMetrics metrics;
    private final SmtpSession session;
    private final InputBuffer input = new InputBuffer();
    private Mode mode = Mode.GREETING;
    private boolean busy;
    private boolean processing;
    private long timer = -1;
    private int lastReplyCode;
    /** null until the connection policy has decided */
    private Admission admission;
    private boolean greetingDue;
    /** Shutdown has begun: end the session as soon as no transaction is in progress. */
    private boolean draining;

    SmtpConnection(Vertx vertx, NetSocket socket, Listener listener, boolean starttls, SmtpConfig config,
                   CommandDispatcher dispatcher, ConnectionLimiter connections, Set<SmtpConnection> open,
                   ConnectionPolicy policy, ReverseDns reverseDns, SmtpMetrics metrics) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.socket = socket;
        this.config = config;
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.open = open;
        this.policy = policy;
        this.reverseDns = reverseDns;
        this.metrics = metrics;
        this.session = new SmtpSession(UUID.randomUUID().toString(), listener, socket.remoteAddress().hostAddress(),
                starttls && !listener.implicitTls());
    }

    void start() {
        if (connections.draining()) {
            socket.write(ReplyEncoder.encode(shuttingDown()))
                    .onComplete(done -> socket.close());
            return;
        }
        if (!connections.tryAcquire(session.clientIp())) {
            socket.write(ReplyEncoder.encode(SmtpReply.of(421, "4.7.0", config.hostname() + " Too many connections, try again later")))
                    .onComplete(done -> socket.close());
            return;
        }
        open.add(this);
        if (connections.draining()) {
            drain(); // shutdown began between the check above and the registration
        }
        metrics.sessionOpened(session.listener());
        socket.closeHandler(closed -> closed());
        socket.exceptionHandler(failure -> {
            LOG.debugf("session %s: %s", session.id(), failure.toString());
            socket.close();
        });
        socket.handler(this::received);
        if (session.listener().implicitTls()) {
            tlsEstablished();
        }
        if (config.policy().reverseDns()) {
            reverseDns.confirmedName(session.clientIp()).subscribe().with(
                    name -> name.ifPresent(confirmed -> onContext(() -> session.clientNameConfirmed(confirmed))));
        }
        // the connection policy (CIDR lists, DNSBL) and the early-talker wait run side by side;
        // the greeting (or the refusal) goes out when both are done
        policy.admit(session.clientIp(), session.listener()).subscribe().with(
                verdict -> onContext(() -> admitted(verdict)),
                failure -> onContext(() -> admitted(Admission.admitted())));
        Duration delay = config.limits().greetingDelay();
        if (session.listener() == Listener.MX && !delay.isZero()) {
            timer = vertx.setTimer(delay.toMillis(), fired -> {
                timer = -1;
                greetingDue();
            });
        } else {
            greetingDue();
        }
    }

    private void admitted(Admission verdict) {
        admission = verdict;
        verdict.dnsblZone().ifPresent(session::dnsblListed);
        if (greetingDue) {
            greet();
        }
    }

    private void greetingDue() {
        greetingDue = true;
        if (admission != null) {
            greet();
        }
    }

    private void greet() {
        if (mode != Mode.GREETING) {
            return;
        }
        if (admission.refusal().isPresent()) {
            SmtpReply refusal = admission.refusal().get();
            LOG.infof("session %s: client %s refused: %s", session.id(), session.clientIp(), refusal.lines().get(0));
            replyAndClose(refusal);
            return;
        }
        if (input.available() > 0) {
            // a client that speaks before the greeting does not wait for replies: a spam bot, not an MTA
            replyAndClose(SmtpReply.of(554, "5.5.1", config.hostname() + " Protocol error: talking before the greeting"));
            return;
        }
        mode = Mode.COMMAND;
        write(SmtpReply.plain(220, config.hostname() + " ESMTP Mailfleet"));
        armTimer();
    }

    private void received(Buffer data) {
        if (mode == Mode.CLOSED) {
            return;
        }
        input.append(data);
        if (mode == Mode.GREETING) {
            if (input.available() > config.limits().maxLineLength()) {
                // an early talker flooding before the greeting: no need to wait for anything
                replyAndClose(SmtpReply.of(554, "5.5.1", config.hostname() + " Protocol error: talking before the greeting"));
            }
            return;
        }
        armTimer();
        process();
    }

    /** Works through the buffered input until it needs more, waits for a command, or the session ends. */
    private void process() {
        if (processing) {
            return; // a command completed synchronously inside the loop below: the loop continues
        }
        processing = true;
        try {
            while (!busy && mode != Mode.CLOSED && step()) {
                // each step consumed input or started a command
            }
        } finally {
            processing = false;
        }
    }

    private boolean step() {
        if (mode == Mode.CONTENT) {
            ContentReader reader = session.contentReader();
            input.drainUntil(reader);
            if (!reader.finished()) {
                return false;
            }
            session.readContent(null);
            mode = Mode.COMMAND;
            run(() -> reader.finish(session));
            return true;
        }
        CommandLine line = input.nextLine(config.limits().maxLineLength());
        if (line == null) {
            return false;
        }
        if (mode == Mode.CONTINUATION) {
            var continuation = session.continuation();
            session.continueWith(null);
            mode = Mode.COMMAND;
            String response = line.tooLong() ? null : line.text();
            run(() -> response == null
                    ? Uni.createFrom().item(CommandResult.reply(501, "5.5.2", "Cannot decode the response"))
                    : continuation.apply(response));
            return true;
        }
        if (line.tooLong()) {
            run(() -> Uni.createFrom().item(CommandResult.reply(500, "5.5.2", "Line too long")));
            return true;
        }
        String text = line.text();
        if (text == null) {
            run(() -> Uni.createFrom().item(CommandResult.reply(500, "5.5.2", "Command is not valid UTF-8")));
            return true;
        }
        CommandLine.Command command = CommandLine.parse(text);
        run(() -> dispatcher.dispatch(session, command.verb(), command.argument()));
        return true;
    }

    private void run(Supplier<Uni<CommandResult>> command) {
        busy = true;
        cancelTimer();
        // while a command waits (say, 25 MB on their way to Kafka) the client may not pile up more input
        socket.pause();
        Uni<CommandResult> result;
        try {
            result = command.get();
        } catch (RuntimeException e) {
            result = Uni.createFrom().failure(e);
        }
        result.subscribe().with(
                done -> onContext(() -> completed(done)),
                failure -> onContext(() -> {
                    LOG.errorf(failure, "session %s: command failed", session.id());
                    completed(CommandResult.reply(451, "4.3.0", "Internal error, try again later"));
                }));
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    private void completed(CommandResult result) {
        busy = false;
        if (mode == Mode.CLOSED) {
            return;
        }
        socket.resume();
        SmtpReply reply = result.reply();
        if (reply != null) {
            write(reply);
            if (reply.code() >= 500 && reply.code() <= 504 && session.badCommand() >= config.limits().maxBadCommands()) {
                replyAndClose(SmtpReply.of(421, "4.7.0", config.hostname() + " Too many errors, closing connection"));
                return;
            }
        }
        switch (result.next()) {
            case COMMAND -> {
                mode = Mode.COMMAND;
                if (endIfDraining()) {
                    return;
                }
            }
            case CONTENT -> mode = Mode.CONTENT;
            case CONTINUATION -> mode = Mode.CONTINUATION;
            case START_TLS -> {
                startTls();
                return;
            }
            case CLOSE -> {
                close();
                return;
            }
        }
        armTimer();
        process();
    }

    /**
     * RFC 3207 section 6: whatever the client pipelined after STARTTLS arrived in clear text and may have
     * been injected by a man in the middle; it is thrown away, never read as commands inside TLS.
     */
    private void startTls() {
        busy = true;
        input.discardAll();
        // a client that never completes the handshake must not hold the connection forever
        long handshakeTimer = vertx.setTimer(config.limits().commandTimeout().toMillis(), fired -> {
            if (mode != Mode.CLOSED && busy) {
                LOG.debugf("session %s: TLS handshake timed out", session.id());
                close();
            }
        });
        socket.upgradeToSsl(handshake -> onContext(() -> {
            vertx.cancelTimer(handshakeTimer);
            if (mode == Mode.CLOSED) {
                return;
            }
            busy = false;
            if (handshake.failed()) {
                LOG.debugf("session %s: TLS handshake failed: %s", session.id(), handshake.cause().toString());
                close();
                return;
            }
            tlsEstablished();
            mode = Mode.COMMAND;
            armTimer();
            process();
        }));
    }

    /** Shutdown: an idle session ends now, one inside a transaction after it. */
    void drain() {
        onContext(() -> {
            draining = true;
            endIfDraining();
        });
    }

    /** The shutdown grace period is over. */
    void forceClose() {
        onContext(() -> {
            if (mode == Mode.CLOSED) {
                return;
            }
            if (busy) {
                // a command waits for its answer (say, the broker's acknowledgement): no reply rather than a wrong one
                close();
            } else {
                replyAndClose(shuttingDown());
            }
        });
    }

    private boolean endIfDraining() {
        boolean idle = (mode == Mode.COMMAND || mode == Mode.GREETING) && !busy && session.transaction() == null;
        if (draining && idle) {
            replyAndClose(shuttingDown());
            return true;
        }
        return false;
    }

    private SmtpReply shuttingDown() {
        return SmtpReply.of(421, "4.3.2", config.hostname() + " Shutting down, try again later");
    }

    private void tlsEstablished() {
        SSLSession ssl = socket.sslSession();
        session.tlsEstablished(new TlsInfo(ssl.getProtocol(), ssl.getCipherSuite()));
        metrics.tlsEstablished(session.listener(), ssl.getProtocol());
    }

    private void write(SmtpReply reply) {
        lastReplyCode = reply.code();
        metrics.reply(session.listener(), reply.code());
        socket.write(ReplyEncoder.encode(reply));
    }

    private void replyAndClose(SmtpReply reply) {
        write(reply);
        close();
    }

    private void close() {
        mode = Mode.CLOSED;
        cancelTimer();
        socket.close();
    }

    private void armTimer() {
        cancelTimer();
        if (mode == Mode.CLOSED) {
            return;
        }
        Duration timeout = mode == Mode.CONTENT ? config.limits().dataTimeout() : config.limits().commandTimeout();
        timer = vertx.setTimer(timeout.toMillis(), fired -> {
            timer = -1;
            if (!busy && mode != Mode.CLOSED) {
                replyAndClose(SmtpReply.of(421, "4.4.2", config.hostname() + " Timeout exceeded, closing connection"));
            }
        });
    }

    private void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void closed() {
        boolean wasOpen = mode != Mode.CLOSED;
        mode = Mode.CLOSED;
        cancelTimer();
        connections.release(session.clientIp());
        open.remove(this);
        metrics.sessionClosed();
        LOG.infof("session %s: %s client %s helo=%s tls=%s auth=%s last-reply=%d%s", session.id(),
                session.listener().configName(), session.clientIp(), session.helo(),
                session.tls() == null ? "none" : session.tls().protocol(),
                session.authenticated() == null ? "none" : session.authenticated().accountId(),
                lastReplyCode, wasOpen ? " (client disconnected)" : "");
    }
}
