package io.mailfleet.imap.pop3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a POP3 connection's bytes into command lines (RFC 1939: CRLF-terminated, RFC 2449: at most 255
 * octets, a little more here for AUTH PLAIN responses). One line is handed out at a time; the
 * connection asks for the next when the previous one is answered.
 */
final class Pop3LineDecoder {

    interface Listener {
        void line(String line);

        void tooLong();
    }

    private final Listener listener;
    private final int maxLineLength;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean paused;
    private boolean stopped;

    Pop3LineDecoder(Listener listener, int maxLineLength) {
        this.listener = listener;
        this.maxLineLength = maxLineLength;
    }

    void feed(byte[] bytes) {
        pending.write(bytes, 0, bytes.length);
        drain();
    }

    int buffered() {
        return pending.size();
    }

    void resume() {
        paused = false;
        drain();
    }

    void stop() {
        stopped = true;
    }

    /** STLS: nothing sent in clear text after the command may be taken as a command. */
    void discardBuffered() {
        pending.reset();
    }

    private void drain() {
        while (!paused && !stopped) {
            byte[] bytes = pending.toByteArray();
            int lf = -1;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            if (lf < 0) {
                if (bytes.length > maxLineLength) {
                    stopped = true;
                    listener.tooLong();
                }
                return;
            }
            if (lf > maxLineLength) {
                stopped = true;
                listener.tooLong();
                return;
            }
            int end = lf > 0 && bytes[lf - 1] == '\r' ? lf - 1 : lf;
            String line = new String(bytes, 0, end, StandardCharsets.UTF_8);
            pending.reset();
            pending.write(bytes, lf + 1, bytes.length - lf - 1);
            paused = true;
            listener.line(line);
        }
    }
}
