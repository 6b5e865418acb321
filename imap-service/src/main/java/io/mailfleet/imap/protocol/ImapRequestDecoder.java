package io.mailfleet.imap.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Frames the bytes of an IMAP connection into whole commands (RFC 9051 2.2, 4.3, RFC 7888): a command is
 * one line, or several lines joined by literals ({@code {n}} synchronizing, {@code {n+}} / {@code {n-}}
 * non-synchronizing). The raw command keeps every literal in wire form ({@code {n}CRLF} followed by
 * the octets) for {@link ImapArgumentReader}; the final CRLF is dropped.
 *
 * <p>Limits are enforced before memory is used: a line longer than the limit ends the connection; a
 * synchronizing literal over the limit is refused without the continuation, so the client never sends
 * it; a non-synchronizing one (LITERAL+, RFC 7888) arrives anyway and is read and discarded, then the
 * command is refused.
 *
 * <p>After each command or line the decoder pauses until the connection {@linkplain #resume() resumes} it,
 * so commands run strictly one after another and a mode switch (IDLE, AUTHENTICATE, STARTTLS) takes
 * effect before the next pipelined bytes are framed.
 *
 * <p>In {@linkplain #lineMode() line mode} (AUTHENTICATE responses, IDLE's DONE) lines are delivered
 * as they are, literal markers included.
 */
public final class ImapRequestDecoder {

    /** What the decoder tells its connection. All calls happen inside {@link #feed}. */
    public interface Listener {
        /** A whole command, literals inline, without the final CRLF. */
        void command(byte[] raw);

        /** A line in line mode, without CRLF. */
        void line(String line);

        /** A synchronizing literal is wanted: send "+ …" so the client sends it. */
        void continuationWanted();

        /** A command was refused while framing (literal too big); the connection answers {@code tag} with {@code response}. */
        void refused(String tag, String response);

        /** The client broke a hard limit; the connection ends with BYE. */
        void fatal(String reason);
    }

    private enum Mode { LINE, LITERAL, DISCARD_LITERAL, DISCARD_LINE }

    private final Listener listener;
    private final int maxLineLength;
    private final int maxLiteralSize;
    private final int maxCommandSize;

    private final ByteAccumulator pending = new ByteAccumulator();
    private final ByteAccumulator command = new ByteAccumulator();
    private Mode mode = Mode.LINE;
    private long literalRemaining;
    private String refusal;
    private boolean lineMode;
    private boolean stopped;
    private boolean paused;

    public ImapRequestDecoder(Listener listener, int maxLineLength, int maxLiteralSize, int maxCommandSize) {
        this.listener = listener;
        this.maxLineLength = maxLineLength;
        this.maxLiteralSize = maxLiteralSize;
        this.maxCommandSize = maxCommandSize;
    }

    public void lineMode(boolean on) {
        this.lineMode = on;
    }

    public boolean lineMode() {
        return lineMode;
    }

    /** Forgets buffered input: after STARTTLS nothing sent in plain text may be taken as a command (CVE-2011-0411 class). */
    public void discardBuffered() {
        pending.clear();
        command.clear();
        mode = Mode.LINE;
    }

    /**
     * Takes the input buffered beyond the last framed command, for a layer that starts after it (COMPRESS: the
     * octets the client sent after its command are already compressed and must be inflated first).
     */
    public byte[] takeBuffered() {
        byte[] rest = pending.toArray();
        pending.clear();
        return rest;
    }

    public void stop() {
        stopped = true;
    }

    /** Frames the next command, if one is buffered. */
    public void resume() {
        paused = false;
        drain();
    }

    /** Octets received and not yet framed (a literal being read does not count); the connection stops reading when they pile up. */
    public int bufferedSize() {
        return pending.size();
    }

    public void feed(byte[] bytes) {
        pending.append(bytes, 0, bytes.length);
        drain();
    }

    private void drain() {
        while (!stopped && !paused && pending.size() > 0) {
            switch (mode) {
                case LITERAL -> {
                    int take = (int) Math.min(literalRemaining, pending.size());
                    command.append(pending.array(), 0, take);
                    pending.consume(take);
                    literalRemaining -= take;
                    if (literalRemaining == 0) {
                        mode = Mode.LINE;
                    }
                }
                case DISCARD_LITERAL -> {
                    int take = (int) Math.min(literalRemaining, pending.size());
                    pending.consume(take);
                    literalRemaining -= take;
                    if (literalRemaining == 0) {
                        mode = Mode.DISCARD_LINE;
                    }
                }
                case LINE, DISCARD_LINE -> {
                    int lf = pending.indexOf((byte) '\n');
                    if (lf < 0) {
                        if (pending.size() > maxLineLength) {
                            fatal("command line too long");
                        }
                        return;
                    }
                    if (lf > maxLineLength) {
                        fatal("command line too long");
                        return;
                    }
                    int end = lf > 0 && pending.array()[lf - 1] == '\r' ? lf - 1 : lf;
                    if (mode == Mode.DISCARD_LINE) {
                        discardLine(end, lf);
                    } else if (lineMode) {
                        String line = new String(pending.array(), 0, end, StandardCharsets.UTF_8);
                        pending.consume(lf + 1);
                        paused = true;
                        listener.line(line);
                    } else {
                        line(end, lf);
                    }
                }
            }
        }
    }

    private void line(int end, int lf) {
        byte[] buffer = pending.array();
        Literal literal = Literal.at(buffer, end);
        if (literal == null) {
            command.append(buffer, 0, end);
            pending.consume(lf + 1);
            byte[] raw = command.toArray();
            command.clear();
            paused = true;
            listener.command(raw);
            return;
        }
        if (literal.size > maxLiteralSize) {
            refuse(end, lf, literal, "NO [TOOBIG] literal too large (max " + maxLiteralSize + " octets)");
            return;
        }
        if (command.size() + end + 2L + literal.size > maxCommandSize) {
            refuse(end, lf, literal, "BAD [TOOBIG] command too large");
            return;
        }
        command.append(buffer, 0, end);
        command.append(CRLF, 0, 2);
        pending.consume(lf + 1);
        literalRemaining = literal.size;
        mode = literal.size == 0 ? Mode.LINE : Mode.LITERAL;
        if (literal.nonSynchronizing == 0) {
            listener.continuationWanted();
        }
    }

    /** A refused literal: a synchronizing one is never sent, a non-synchronizing one arrives anyway and is skipped. */
    private void refuse(int end, int lf, Literal literal, String response) {
        command.append(pending.array(), 0, end);
        String tag = tagOf(command.toArray());
        command.clear();
        pending.consume(lf + 1);
        if (literal.nonSynchronizing == 0) {
            listener.refused(tag, response);
            mode = Mode.LINE;
        } else {
            refusal = tag + "\u0000" + response;
            literalRemaining = literal.size;
            mode = literal.size == 0 ? Mode.DISCARD_LINE : Mode.DISCARD_LITERAL;
        }
    }

    private void discardLine(int end, int lf) {
        Literal literal = Literal.at(pending.array(), end);
        pending.consume(lf + 1);
        if (literal != null && literal.nonSynchronizing != 0) {
            literalRemaining = literal.size;
            mode = literal.size == 0 ? Mode.DISCARD_LINE : Mode.DISCARD_LITERAL;
            return;
        }
        mode = Mode.LINE;
        String[] refused = refusal.split("\u0000", 2);
        refusal = null;
        listener.refused(refused[0], refused[1]);
    }

    private void fatal(String reason) {
        stopped = true;
        pending.clear();
        command.clear();
        listener.fatal(reason);
    }

    private static String tagOf(byte[] raw) {
        int space = 0;
        while (space < raw.length && raw[space] != ' ') {
            space++;
        }
        String tag = new String(raw, 0, space, StandardCharsets.US_ASCII);
        return tag.isEmpty() || !ImapArgumentReader.isTag(tag) ? "*" : tag;
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** A literal marker at the end of a line: {@code {123}} or non-synchronizing {@code {123+}}. */
    private record Literal(long size, char nonSynchronizing) {

        static Literal at(byte[] line, int end) {
            if (end < 3 || line[end - 1] != '}') {
                return null;
            }
            int i = end - 2;
            char marker = 0;
            if (line[i] == '+' || line[i] == '-') {
                marker = (char) line[i];
                i--;
            }
            int digitsEnd = i;
            while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
                i--;
            }
            if (i < 0 || line[i] != '{' || i == digitsEnd || digitsEnd - i > 10) {
                return null;
            }
            long size = Long.parseLong(new String(line, i + 1, digitsEnd - i, StandardCharsets.US_ASCII));
            // a literal8 (~{n}) is framed the same way; {n-} (LITERAL-) is as non-synchronizing as {n+}
            return new Literal(size, marker);
        }
    }
}
