package io.mailfleet.imap.server;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * COMPRESS=DEFLATE (RFC 4978) for one connection: raw DEFLATE (RFC 1951, no zlib header) both ways with the
 * JDK's Deflater/Inflater. Every response is flushed with SYNC_FLUSH so the client can decode it at once;
 * input is inflated in bounded chunks on demand. Lives above TLS (the socket encrypts what this compresses).
 * The zlib state is native memory: {@link #end()} frees it when the connection closes.
 */
final class DeflateLayer {

    private static final int CHUNK = 16 * 1024;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final byte[] chunk = new byte[CHUNK];
    /** Compressed input not yet handed to the inflater (it keeps one input array at a time). */
    private final ByteArrayOutputStream waiting = new ByteArrayOutputStream();

    byte[] deflate(byte[] plain) {
        deflater.setInput(plain);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 64);
        int written;
        do {
            written = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, written);
        } while (written == chunk.length || !deflater.needsInput());
        return out.toByteArray();
    }

    void received(byte[] compressed) {
        waiting.write(compressed, 0, compressed.length);
    }

    /** Whether compressed input is waiting to be inflated. */
    boolean inflatedPending() {
        return !inflater.needsInput() || waiting.size() > 0;
    }

    /** The next inflated octets (empty when all input is used up), or null when the input is not valid DEFLATE data. */
    byte[] inflateChunk() {
        try {
            if (inflater.needsInput()) {
                if (waiting.size() == 0) {
                    return new byte[0];
                }
                inflater.setInput(waiting.toByteArray());
                waiting.reset();
            }
            int n = inflater.inflate(chunk);
            if (n == 0 && inflater.needsInput() && waiting.size() > 0) {
                return inflateChunk();
            }
            byte[] out = new byte[n];
            System.arraycopy(chunk, 0, out, 0, n);
            return out;
        } catch (DataFormatException e) {
            return null;
        }
    }

    void end() {
        deflater.end();
        inflater.end();
    }
}
