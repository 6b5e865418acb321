package io.mailfleet.spam.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FromDomainTest {

    private static Optional<String> from(String headers) {
        return FromDomain.of(RawMessage.parse((headers + "\r\nbody\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void findsTheAuthorDomain() {
        assertEquals(Optional.of("example.org"), from("From: \"Doe, John\" <john@Example.ORG>\r\n"));
        assertEquals(Optional.of("example.org"), from("From: john@example.org (John <x@evil.example>)\r\n"));
        assertEquals(Optional.of("example.org"), from("From: John\r\n <john@example.org>\r\n"));
    }

    @Test
    void noSingleAuthorMeansNoDomain() {
        assertEquals(Optional.empty(), from("Subject: none\r\n"));
        assertEquals(Optional.empty(), from("From: a@example.org\r\nFrom: b@example.net\r\n"));
        assertEquals(Optional.empty(), from("From: a@example.org, b@example.net\r\n"));
        assertEquals(Optional.empty(), from("From: undisclosed\r\n"));
    }

    @Test
    void fieldsKeepTheirExactOctetsAndOffsets() {
        byte[] content = "A: 1\r\nB:  two\r\n\tthree\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        RawMessage message = RawMessage.parse(content);
        assertEquals(2, message.fields().size());
        assertEquals("B:  two\r\n\tthree\r\n", message.fields().get(1).raw());
        assertEquals("two\tthree", message.fields().get(1).value());
        assertEquals(6, message.fields().get(1).start());
        assertEquals(content.length - 4, message.bodyOffset());
    }
}
