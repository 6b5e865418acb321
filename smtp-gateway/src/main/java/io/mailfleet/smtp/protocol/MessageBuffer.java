package io.mailfleet.smtp.protocol;

import java.util.Arrays;

/**
 * The message content of one transaction, held up to the size limit. Beyond the limit octets are only
 * counted, so an oversized message costs no more memory than an allowed one and is refused (552 5.3.4)
 * once the client has finished sending it.
 */
public final class MessageBuffer {

    private final long limit;
    private byte[] bytes = new byte[8192];
    private int length;
    private long received;

    public MessageBuffer(long limit) {
        this.limit = limit;
    }

    public void append(byte[] source, int offset, int count) {
        received += count;
        if (received > limit) {
            return;
        }
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max((long) bytes.length * 2, length + count), Integer.MAX_VALUE - 8));
        }
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    public void append(byte b) {
        received++;
        if (received > limit) {
            return;
        }
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min((long) bytes.length * 2, Integer.MAX_VALUE - 8));
        }
        bytes[length++] = b;
    }

    public boolean oversized() {
        return received > limit;
    }

    public long received() {
        return received;
    }

    public byte[] toByteArray() {
        if (oversized()) {
            throw new IllegalStateException("an oversized message is never handed on");
        }
        return Arrays.copyOf(bytes, length);
    }
}
