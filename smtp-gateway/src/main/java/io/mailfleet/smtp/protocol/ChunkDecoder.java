package io.mailfleet.smtp.protocol;

/**
 * Reads the octets of BDAT chunks (RFC 3030) into the message: exactly the announced count, no
 * dot-stuffing. Line endings must be CRLF as in DATA (the CRLF of one line may be split across two
 * chunks), so a message sent with BDAT cannot carry smuggled line endings either.
 */
public final class ChunkDecoder implements InputBuffer.StoppingByteSink {

    private final MessageBuffer content;
    private long remaining;
    private boolean lastWasCr;
    private boolean bareLineEnding;

    public ChunkDecoder(MessageBuffer content) {
        this.content = content;
    }

    /** Starts reading the next chunk of {@code size} octets. */
    public void expect(long size) {
        remaining = size;
    }

    @Override
    public int accept(byte[] source, int offset, int length) {
        int count = (int) Math.min(length, remaining);
        for (int i = offset; i < offset + count; i++) {
            byte b = source[i];
            if (lastWasCr != (b == '\n')) {
                bareLineEnding = true; // CR not followed by LF, or LF not preceded by CR
            }
            lastWasCr = b == '\r';
        }
        content.append(source, offset, count);
        remaining -= count;
        return count;
    }

    public boolean chunkComplete() {
        return remaining == 0;
    }

    /** For the LAST chunk: a message may not end in a lone CR either. */
    public boolean bareLineEnding(boolean last) {
        return bareLineEnding || (last && lastWasCr);
    }

    public MessageBuffer content() {
        return content;
    }
}
