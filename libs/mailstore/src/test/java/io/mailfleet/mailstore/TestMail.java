package io.mailfleet.mailstore;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Small RFC 5322 messages for tests, CRLF line endings. */
final class TestMail {

    private TestMail() {
    }

    static byte[] message(String subject, String body) {
        return ("From: Sender <sender@example.org>\r\nTo: someone@example.com\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@example.org>\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
