package io.mailfleet.imap.pop3;

import io.smallrye.mutiny.Uni;

/** What POP3 commands need from their connection. */
interface Pop3Channel {

    void write(String text);

    void write(byte[] bytes);

    /** Completes when the client has read enough of what was written (RETR of large messages). */
    Uni<Void> drained();

    boolean secure();

    void startTlsAfterResponse();

    /** The next line is a SASL response, not a command. */
    void expectSaslResponse(java.util.function.Consumer<String> handler);

    void closeAfterResponse();
}
