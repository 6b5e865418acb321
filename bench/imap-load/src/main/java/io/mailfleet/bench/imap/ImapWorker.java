package io.mailfleet.bench.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One session of the mix: what each {@link Operation} sends, the way a desktop client would.
 *
 * <ul>
 *   <li>SELECT: {@code SELECT INBOX} (a client switching back to the folder)</li>
 *   <li>FETCH: the summary of 10 consecutive messages, {@code FETCH a:b (UID FLAGS RFC822.SIZE ENVELOPE)}</li>
 *   <li>SEARCH: alternately {@code UID SEARCH UNSEEN} and {@code UID SEARCH SUBJECT "imap-load"}</li>
 *   <li>STORE: alternately {@code +FLAGS.SILENT (\Seen)} and {@code -FLAGS.SILENT (\Seen)} on one message</li>
 *   <li>APPEND: one message of --size octets to INBOX (a client saving a draft or a sent message)</li>
 * </ul>
 */
final class ImapWorker {

    static final int FETCH_WINDOW = 10;

    private final ImapConnection connection;
    private final byte[] message;
    private final SplittableRandom random;
    private int searches;
    private int stores;

    ImapWorker(ImapConnection connection, byte[] message, long seed) {
        this.connection = connection;
        this.message = message;
        this.random = new SplittableRandom(seed);
    }

    /** Runs one operation; true when the server answered OK. */
    boolean run(Operation operation) throws IOException {
        int exists = Math.max(1, connection.exists());
        return switch (operation) {
            case SELECT -> connection.command("SELECT INBOX").ok();
            case FETCH -> {
                int first = 1 + random.nextInt(Math.max(1, exists - FETCH_WINDOW + 1));
                int last = Math.min(exists, first + FETCH_WINDOW - 1);
                yield connection.command("FETCH " + first + ":" + last + " (UID FLAGS RFC822.SIZE ENVELOPE)").ok();
            }
            case SEARCH -> connection.command(searches++ % 2 == 0 ? "UID SEARCH UNSEEN" : "UID SEARCH SUBJECT \"imap-load\"").ok();
            case STORE -> connection.command("STORE " + (1 + random.nextInt(exists))
                    + (stores++ % 2 == 0 ? " +FLAGS.SILENT (\\Seen)" : " -FLAGS.SILENT (\\Seen)")).ok();
            case APPEND -> connection.append("INBOX", "\\Seen", message).ok();
        };
    }

    /** A plain-text message of exactly {@code size} octets of CRLF lines. */
    static byte[] message(int size) {
        StringBuilder text = new StringBuilder("From: <load@bench.example>\r\nTo: <demo@example.test>\r\n"
                + "Subject: imap-load\r\nMessage-ID: <imap-load@bench.example>\r\n\r\n");
        if (size < text.length() + 2) {
            throw new IllegalArgumentException("size must be at least " + (text.length() + 2) + " octets");
        }
        while (size - text.length() > 80) {
            text.append("x".repeat(76)).append("\r\n");
        }
        text.append("x".repeat(size - text.length() - 2)).append("\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
