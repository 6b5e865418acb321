package io.mailfleet.smtp.protocol;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes {@link SmtpReply} in the RFC 5321 4.2 wire format, multi-line replies as {@code 250-…}/{@code 250 …}. */
public final class ReplyEncoder {

    private ReplyEncoder() {
    }

    public static Buffer encode(SmtpReply reply) {
        StringBuilder out = new StringBuilder(64);
        List<String> lines = reply.lines();
        for (int i = 0; i < lines.size(); i++) {
            out.append(reply.code()).append(i == lines.size() - 1 ? ' ' : '-');
            if (reply.enhancedStatus() != null) {
                out.append(reply.enhancedStatus()).append(' ');
            }
            appendPrintable(out, lines.get(i));
            out.append("\r\n");
        }
        return Buffer.buffer(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reply texts may echo client input (addresses); a control character there could forge extra replies. */
    private static void appendPrintable(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
    }
}
