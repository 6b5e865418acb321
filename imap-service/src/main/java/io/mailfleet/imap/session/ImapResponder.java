package io.mailfleet.imap.session;

import io.smallrye.mutiny.Uni;

import java.nio.charset.StandardCharsets;

/** Where processors write untagged responses and continuation requests; the tagged completion is the dispatcher's. */
public interface ImapResponder {

    /** A complete response in wire form, CRLF included. */
    void write(byte[] response);

    /** Completes when the client has taken enough of what was written: long FETCH loops wait on it, so memory stays bounded. */
    Uni<Void> drained();

    /** {@code * text}. */
    default void untagged(String text) {
        write(("* " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code + text}. */
    default void continuation(String text) {
        write(("+ " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
