package io.mailfleet.spam.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageContentParserTest {

    @Test
    void textBeyondTheLimitIsNotRead() {
        String body = "a".repeat(200) + " needle";
        MessageContent content = new MessageContentParser(100, 1000).parse(("Subject: big\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertFalse(content.text().contains("needle"));
        assertTrue(new MessageContentParser(1000, 1000).parse(("Subject: big\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII))
                .text().contains("needle"));
    }

    @Test
    void decodesTransferEncodingsAndCharsets() {
        String message = "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=x\r\n\r\n"
                + "--x\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nPr=E4mie\r\n"
                + "--x\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getEncoder().encodeToString("<p>Pr\u00e4mie <a href=\"https://x.example/a?b=1&amp;c=2\">hier</a></p>".getBytes(StandardCharsets.UTF_8))
                + "\r\n--x--\r\n";
        MessageContent content = new MessageContentParser(1 << 20, 1 << 20).parse(message.getBytes(StandardCharsets.US_ASCII));
        assertTrue(content.text().contains("Pr\u00e4mie"), content.text());
        assertFalse(content.htmlOnly());
        assertEquals(1, content.links().size());
        assertEquals("https://x.example/a?b=1&c=2", content.links().get(0).href());
        assertEquals("hier", content.links().get(0).text());
        assertTrue(content.uris().contains("https://x.example/a?b=1&c=2"), content.uris().toString());
    }
}
