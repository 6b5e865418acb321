package io.mailfleet.smtp.protocol;

import io.vertx.core.buffer.Buffer;

import java.util.Arrays;

/**
 * The bytes a client sent that the session has not consumed yet. Commands are pulled out one line at a
 * time, so a pipelined batch (RFC 2920) is handled in order and whatever follows a command that changes
 * the rules (DATA, BDAT, STARTTLS) is read under the new rules, or thrown away ({@link #discardAll()}).
 */
public final class InputBuffer {

    private byte[] bytes = new byte[4096];
    private int readIndex;
    private int writeIndex;
    private boolean discardingLongLine;

    public void append(Buffer data) {
        int length = data.length();
        ensureCapacity(length);
        data.getBytes(0, length, bytes, writeIndex);
        writeIndex += length;
    }

    public int available() {
        return writeIndex - readIndex;
    }

    /** Drops everything buffered: after STARTTLS nothing sent in clear text may be used (RFC 3207 section 6). */
    public void discardAll() {
        readIndex = 0;
        writeIndex = 0;
        discardingLongLine = false;
    }

    /**
     * The next command line, its CRLF (or lone LF) stripped, or null when no complete line is buffered.
     * A line longer than {@code maxLength} octets including CRLF is reported once as
     * {@link CommandLine#tooLong()} and its remainder, up to its line end, is skipped.
     */
    public CommandLine nextLine(int maxLength) {
        if (discardingLongLine) {
            int lf = indexOfLf(readIndex, writeIndex);
            if (lf < 0) {
                readIndex = writeIndex;
                compact();
                return null;
            }
            readIndex = lf + 1;
            discardingLongLine = false;
        }
        int scanEnd = Math.min(writeIndex, readIndex + maxLength);
        int lf = indexOfLf(readIndex, scanEnd);
        if (lf < 0) {
            if (available() >= maxLength) {
                int end = indexOfLf(scanEnd, writeIndex);
                if (end < 0) {
                    discardingLongLine = true;
                    readIndex = writeIndex;
                } else {
                    readIndex = end + 1;
                }
                compact();
                return CommandLine.TOO_LONG;
            }
            return null;
        }
        int end = lf > readIndex && bytes[lf - 1] == '\r' ? lf - 1 : lf;
        byte[] line = Arrays.copyOfRange(bytes, readIndex, end);
        readIndex = lf + 1;
        compact();
        return new CommandLine(line);
    }

    /** Hands up to {@code max} buffered octets to {@code sink} and consumes them; returns how many. */
    public int drainTo(ByteSink sink, int max) {
        int count = Math.min(max, available());
        sink.accept(bytes, readIndex, count);
        readIndex += count;
        compact();
        return count;
    }

    /** Like {@link #drainTo} but lets the sink stop early; returns how many octets it consumed. */
    public int drainUntil(StoppingByteSink sink) {
        int consumed = sink.accept(bytes, readIndex, available());
        readIndex += consumed;
        compact();
        return consumed;
    }

    private int indexOfLf(int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void ensureCapacity(int extra) {
        if (writeIndex + extra <= bytes.length) {
            return;
        }
        compact();
        if (writeIndex + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, writeIndex + extra));
        }
    }

    private void compact() {
        if (readIndex == 0) {
            return;
        }
        int remaining = writeIndex - readIndex;
        if (remaining > 0) {
            System.arraycopy(bytes, readIndex, bytes, 0, remaining);
        }
        readIndex = 0;
        writeIndex = remaining;
    }

    @FunctionalInterface
    public interface ByteSink {
        void accept(byte[] source, int offset, int length);
    }

    @FunctionalInterface
    public interface StoppingByteSink {
        /** @return how many of the offered octets were consumed (fewer than offered = done) */
        int accept(byte[] source, int offset, int length);
    }
}
