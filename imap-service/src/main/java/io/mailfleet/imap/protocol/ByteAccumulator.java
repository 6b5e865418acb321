package io.mailfleet.imap.protocol;

import java.util.Arrays;

/** A growable byte buffer with consumption from the front; sized by what the decoder's limits allow in. */
final class ByteAccumulator {

    private byte[] bytes = new byte[256];
    private int size;

    void append(byte[] source, int offset, int length) {
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** The backing array; valid up to {@link #size()}. */
    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    int indexOf(byte b) {
        for (int i = 0; i < size; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    void consume(int count) {
        System.arraycopy(bytes, count, bytes, 0, size - count);
        size -= count;
        if (size == 0 && bytes.length > 64 * 1024) {
            bytes = new byte[256];
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    void clear() {
        size = 0;
        if (bytes.length > 64 * 1024) {
            bytes = new byte[256];
        }
    }
}
