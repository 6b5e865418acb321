package io.mailfleet.imap.pop3;

import io.mailfleet.imap.ImapConfig;
import io.mailfleet.imap.server.WriteBackpressure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** One POP3 connection on its event loop: lines in, one command at a time, responses out; idle connections are closed. */
final class Pop3Connection implements Pop3LineDecoder.Listener, Pop3Channel {

    private static final Logger LOG = Logger.getLogger(Pop3Connection.class);

    private final Vertx vertx;
    private final Context context;
    private final NetSocket socket;
    private final ImapConfig config;
    private final Pop3Commands commands;
    private final Pop3LineDecoder decoder;
    private final Pop3Session session;
    private Consumer<String> saslHandler;
    private boolean startTls;
    private boolean closeAfter;
    private boolean closed;
    private long lastActivity = System.nanoTime();
    private long timer = -1;

    Pop3Connection(Vertx vertx, NetSocket socket, ImapConfig config, Pop3Commands commands) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.socket = socket;
        this.config = config;
        this.commands = commands;
        this.decoder = new Pop3LineDecoder(this, config.limits().pop3MaxLineLength());
        this.session = new Pop3Session(socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress());
    }

    void start() {
        socket.handler(buffer -> {
            lastActivity = System.nanoTime();
            decoder.feed(buffer.getBytes());
            if (decoder.buffered() > config.limits().pop3MaxLineLength() * 4) {
                socket.pause();
            }
        });
        socket.closeHandler(ignored -> {
            closed = true;
            decoder.stop();
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        });
        socket.exceptionHandler(failure -> LOG.debugf("POP3 connection: %s", failure.getMessage()));
        write("+OK " + config.hostname() + " POP3 service ready\r\n");
        scheduleTimeout();
    }

    @Override
    public void line(String line) {
        Consumer<String> sasl = saslHandler;
        if (sasl != null) {
            saslHandler = null;
            sasl.accept(line);
            return;
        }
        commands.handle(line, session, this).subscribe().with(
                done -> context.runOnContext(v -> afterCommand()),
                failure -> {
                    LOG.error("POP3 command failed", failure);
                    context.runOnContext(v -> {
                        write("-ERR [SYS/TEMP] internal error\r\n");
                        afterCommand();
                    });
                });
    }

    private void afterCommand() {
        if (closed) {
            return;
        }
        if (closeAfter) {
            socket.close();
            return;
        }
        if (startTls) {
            startTls = false;
            decoder.discardBuffered();
            socket.upgradeToSsl(done -> {
                if (done.failed()) {
                    socket.close();
                } else {
                    socket.resume();
                    decoder.resume();
                }
            });
            return;
        }
        socket.resume();
        decoder.resume();
    }

    @Override
    public void tooLong() {
        write("-ERR line too long\r\n");
        socket.close();
    }

    @Override
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(byte[] bytes) {
        if (!closed) {
            socket.write(Buffer.buffer(bytes));
        }
    }

    @Override
    public Uni<Void> drained() {
        return WriteBackpressure.drained(socket, context, closed);
    }

    @Override
    public boolean secure() {
        return socket.isSsl();
    }

    @Override
    public void startTlsAfterResponse() {
        startTls = true;
    }

    @Override
    public void expectSaslResponse(Consumer<String> handler) {
        saslHandler = handler;
        decoder.resume();
    }

    @Override
    public void closeAfterResponse() {
        closeAfter = true;
    }

    private void scheduleTimeout() {
        long timeoutNanos = config.limits().pop3Timeout().toNanos();
        long idle = System.nanoTime() - lastActivity;
        if (idle >= timeoutNanos) {
            write("-ERR autologout: idle for too long\r\n");
            socket.close();
            return;
        }
        timer = vertx.setTimer(Math.max(1, (timeoutNanos - idle) / 1_000_000), id -> {
            if (!closed) {
                scheduleTimeout();
            }
        });
    }
}
