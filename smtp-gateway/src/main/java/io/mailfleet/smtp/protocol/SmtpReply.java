package io.mailfleet.smtp.protocol;

import java.util.List;

/**
 * One SMTP reply: a three-digit code, the RFC 3463 enhanced status code (ENHANCEDSTATUSCODES, RFC 2034)
 * and one or more text lines. The greeting and the HELO/EHLO replies carry no enhanced code, as RFC
 * 2034 section 3 requires.
 */
public record SmtpReply(int code, String enhancedStatus, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not an SMTP reply code: " + code);
        }
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        lines = List.copyOf(lines);
    }

    public static SmtpReply of(int code, String enhancedStatus, String text) {
        return new SmtpReply(code, enhancedStatus, List.of(text));
    }

    /** A reply without an enhanced status code (greeting, HELO, EHLO). */
    public static SmtpReply plain(int code, String text) {
        return new SmtpReply(code, null, List.of(text));
    }
}
