package io.mailfleet.smtp.protocol;

/**
 * Reads the content of a DATA command (RFC 5321 4.1.1.4): removes dot-stuffing (4.5.2) and finds the end
 * of data, which is {@code CRLF . CRLF} and nothing else.
 *
 * <p>SMTP smuggling (CVE-2023-51764 and relatives): a bare LF or bare CR anywhere in the content, in
 * particular {@code <LF>.<LF>} or {@code <CR>.<CR>}, never ends the message. It marks the whole message as
 * malformed and it is refused once the real end of data arrives, so one DATA can never turn into two
 * messages here or at any MTA further along (Postfix's {@code smtpd_forbid_bare_newline}).
 */
public final class DataDecoder implements InputBuffer.StoppingByteSink {

    private enum State { LINE_START, IN_LINE, CR_SEEN, DOT_AT_LINE_START, DOT_CR }

    private final MessageBuffer content;
    private State state = State.LINE_START;
    private boolean bareLineEnding;
    private boolean complete;

    public DataDecoder(MessageBuffer content) {
        this.content = content;
    }

    @Override
    public int accept(byte[] source, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (consume(source[i])) {
                complete = true;
                return i - offset + 1;
            }
        }
        return length;
    }

    /** @return true when {@code b} was the final LF of {@code CRLF . CRLF} */
    private boolean consume(byte b) {
        switch (state) {
            case LINE_START -> {
                if (b == '.') {
                    state = State.DOT_AT_LINE_START;
                } else {
                    inLine(b);
                }
            }
            case DOT_AT_LINE_START -> {
                if (b == '\r') {
                    state = State.DOT_CR;
                } else {
                    inLine(b); // the stuffed dot is dropped
                }
            }
            case DOT_CR -> {
                if (b == '\n') {
                    return true;
                }
                bareLineEnding = true;
                content.append((byte) '\r');
                inLine(b);
            }
            case CR_SEEN -> {
                if (b == '\n') {
                    content.append((byte) '\r');
                    content.append((byte) '\n');
                    state = State.LINE_START;
                } else {
                    bareLineEnding = true;
                    content.append((byte) '\r');
                    inLine(b);
                }
            }
            case IN_LINE -> inLine(b);
        }
        return false;
    }

    private void inLine(byte b) {
        if (b == '\r') {
            state = State.CR_SEEN;
            return;
        }
        if (b == '\n') {
            // a bare LF ends no line: what follows is not at a line start, so "<LF>.<LF>" cannot end the data
            bareLineEnding = true;
        }
        content.append(b);
        state = State.IN_LINE;
    }

    public boolean complete() {
        return complete;
    }

    public boolean bareLineEnding() {
        return bareLineEnding;
    }

    public MessageBuffer content() {
        return content;
    }
}
