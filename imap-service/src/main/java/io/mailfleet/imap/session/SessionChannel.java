package io.mailfleet.imap.session;

import java.util.function.Consumer;

/** What a few commands need from the connection beyond writing responses: TLS, raw lines, closing. */
public interface SessionChannel {

    boolean secure();

    /** STARTTLS: the handshake starts right after the tagged OK; plain text the client sent after the command is discarded. */
    void startTlsAfterCompletion();

    /** Whether COMPRESS=DEFLATE (RFC 4978) is active on this connection. */
    boolean compressed();

    /** COMPRESS DEFLATE: both directions are compressed from the octet after the tagged OK. */
    void compressAfterCompletion();

    /** Called once when the connection closes (IDLE watchers unregister here). */
    void onClose(Runnable cleanup);

    /** The following client lines (AUTHENTICATE responses, IDLE's DONE) go to {@code handler} unparsed, until {@link #commandMode()}. */
    void lineMode(Consumer<String> handler);

    void commandMode();

    /** Runs {@code task} on the connection's event loop (notifications from other threads). */
    void runOnContext(Runnable task);

    void close();
}
