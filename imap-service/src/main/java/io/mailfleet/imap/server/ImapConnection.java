package io.mailfleet.imap.server;

import io.mailfleet.imap.ImapConfig;
import io.mailfleet.imap.command.Capabilities;
import io.mailfleet.imap.command.ImapCommandDispatcher;
import io.mailfleet.imap.protocol.ImapRequestDecoder;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionChannel;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One IMAP connection on its Vert.x event loop: socket bytes go through the {@link ImapRequestDecoder},
 * each framed command through the {@link ImapCommandDispatcher}, one at a time; responses are written
 * straight to the socket. Reading pauses while a command runs and its input piles up, so a client
 * cannot make the server buffer without bound. Inactivity ends the session with BYE.
 */
final class ImapConnection implements ImapRequestDecoder.Listener, ImapResponder, SessionChannel {

    private static final Logger LOG = Logger.getLogger(ImapConnection.class);

    private final Vertx vertx;
    private final Context context;
    private final NetSocket socket;
    private final ImapConfig config;
    private final ImapCommandDispatcher dispatcher;
    private final ImapRequestDecoder decoder;
    private final ImapSession session;
    private final List<Runnable> cleanups = new ArrayList<>();
    private Consumer<String> lineHandler;
    private boolean startTlsPending;
    private boolean compressPending;
    private DeflateLayer deflate;
    private boolean closed;
    private long lastActivity = System.nanoTime();
    private long timer = -1;

    ImapConnection(Vertx vertx, NetSocket socket, ImapConfig config, ImapCommandDispatcher dispatcher) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.socket = socket;
        this.config = config;
        this.dispatcher = dispatcher;
        ImapConfig.Limits limits = config.limits();
        this.decoder = new ImapRequestDecoder(this, limits.maxLineLength(), limits.maxLiteralSize(), limits.maxCommandSize());
        String address = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        this.session = new ImapSession(UUID.randomUUID().toString(), address, this);
    }

    void start() {
        socket.handler(this::received);
        socket.closeHandler(ignored -> closed());
        socket.exceptionHandler(failure -> LOG.debugf("IMAP connection %s: %s", session.id(), failure.getMessage()));
        write(("* OK [CAPABILITY " + Capabilities.of(session) + "] " + config.hostname() + " IMAP4rev2 service ready\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        scheduleTimeout();
    }

    private void received(Buffer buffer) {
        lastActivity = System.nanoTime();
        if (deflate != null) {
            deflate.received(buffer.getBytes());
            inflateWhileRoom();
        } else {
            decoder.feed(buffer.getBytes());
        }
        if (inputPiledUp() || (deflate != null && deflate.inflatedPending())) {
            socket.pause();
        }
    }

    private boolean inputPiledUp() {
        return decoder.bufferedSize() > config.limits().maxLineLength() * 2L;
    }

    /** Inflates into the decoder only while it has room, so a small compressed input cannot expand without bound. */
    private void inflateWhileRoom() {
        while (!closed && !inputPiledUp()) {
            byte[] chunk = deflate.inflateChunk();
            if (chunk == null) {
                bye("invalid compressed data");
                return;
            }
            if (chunk.length == 0) {
                return;
            }
            decoder.feed(chunk);
        }
    }

    // ---- decoder events

    @Override
    public void command(byte[] raw) {
        dispatcher.dispatch(raw, session, this).subscribe().with(
                done -> context.runOnContext(v -> afterCommand()),
                failure -> {
                    LOG.error("IMAP command processing failed", failure);
                    context.runOnContext(v -> bye("internal error"));
                });
    }

    private void afterCommand() {
        if (closed) {
            return;
        }
        if (session.state() == SessionState.LOGOUT) {
            socket.close();
            return;
        }
        if (compressPending) {
            compressPending = false;
            // anything pipelined after COMPRESS was compressed already
            byte[] early = decoder.takeBuffered();
            deflate = new DeflateLayer();
            deflate.received(early);
            inflateWhileRoom();
            resumeReading();
            return;
        }
        if (startTlsPending) {
            startTlsPending = false;
            // anything the client pipelined after STARTTLS was sent in clear text: it must not become a command
            decoder.discardBuffered();
            socket.upgradeToSsl(upgraded -> {
                if (upgraded.failed()) {
                    LOG.debugf("STARTTLS handshake failed: %s", upgraded.cause().getMessage());
                    socket.close();
                    return;
                }
                resumeReading();
            });
            return;
        }
        resumeReading();
    }

    private void resumeReading() {
        if (deflate != null) {
            inflateWhileRoom();
        }
        socket.resume();
        decoder.resume();
    }

    @Override
    public void line(String line) {
        Consumer<String> handler = lineHandler;
        if (handler == null) {
            return;
        }
        handler.accept(line);
        if (decoder.lineMode() && lineHandler != null) {
            decoder.resume();
        }
    }

    @Override
    public void continuationWanted() {
        continuation("Ready for literal data");
    }

    @Override
    public void refused(String tag, String response) {
        write((tag + " " + response + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void fatal(String reason) {
        bye(reason);
    }

    // ---- ImapResponder

    @Override
    public void write(byte[] response) {
        if (!closed) {
            socket.write(Buffer.buffer(deflate == null ? response : deflate.deflate(response)));
        }
    }

    @Override
    public Uni<Void> drained() {
        return WriteBackpressure.drained(socket, context, closed);
    }

    // ---- SessionChannel

    @Override
    public boolean secure() {
        return socket.isSsl();
    }

    @Override
    public void startTlsAfterCompletion() {
        startTlsPending = true;
    }

    @Override
    public boolean compressed() {
        return deflate != null || compressPending;
    }

    @Override
    public void compressAfterCompletion() {
        compressPending = true;
    }

    @Override
    public void lineMode(Consumer<String> handler) {
        lineHandler = handler;
        decoder.lineMode(true);
        decoder.resume();
    }

    @Override
    public void commandMode() {
        lineHandler = null;
        decoder.lineMode(false);
    }

    @Override
    public void runOnContext(Runnable task) {
        context.runOnContext(v -> {
            if (!closed) {
                task.run();
            }
        });
    }

    @Override
    public void onClose(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    @Override
    public void close() {
        socket.close();
    }

    // ---- lifecycle

    private void bye(String reason) {
        if (closed) {
            return;
        }
        write(("* BYE " + reason + "\r\n").getBytes(StandardCharsets.UTF_8));
        decoder.stop();
        socket.close();
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        decoder.stop();
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        cleanups.forEach(Runnable::run);
        cleanups.clear();
        if (deflate != null) {
            deflate.end();
        }
    }

    private void scheduleTimeout() {
        long timeoutNanos = (session.state() == SessionState.NOT_AUTHENTICATED
                ? config.limits().unauthenticatedTimeout() : config.limits().authenticatedTimeout()).toNanos();
        long idle = System.nanoTime() - lastActivity;
        if (idle >= timeoutNanos && !session.idling()) {
            bye("autologout: idle for too long");
            return;
        }
        long waitMillis = Math.max(1, (session.idling() ? timeoutNanos : timeoutNanos - idle) / 1_000_000);
        timer = vertx.setTimer(waitMillis, id -> {
            if (!closed) {
                scheduleTimeout();
            }
        });
    }
}
