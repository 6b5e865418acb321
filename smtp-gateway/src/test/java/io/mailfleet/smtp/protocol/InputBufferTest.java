package io.mailfleet.smtp.protocol;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputBufferTest {

    @Test
    void splitsPipelinedLinesAndWaitsForIncompleteOnes() {
        InputBuffer input = new InputBuffer();
        input.append(Buffer.buffer("NOOP\r\nRSET\nQUI"));
        assertEquals("NOOP", input.nextLine(1000).text());
        assertEquals("RSET", input.nextLine(1000).text());
        assertNull(input.nextLine(1000));
        input.append(Buffer.buffer("T\r\n"));
        assertEquals("QUIT", input.nextLine(1000).text());
        assertEquals(0, input.available());
    }

    @Test
    void overlongLineIsReportedOnceAndSkippedAcrossReads() {
        InputBuffer input = new InputBuffer();
        input.append(Buffer.buffer("X".repeat(1500)));
        assertTrue(input.nextLine(1000).tooLong());
        assertNull(input.nextLine(1000));
        input.append(Buffer.buffer("still the long line\r\nNOOP\r\n"));
        assertEquals("NOOP", input.nextLine(1000).text());
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() {
        InputBuffer input = new InputBuffer();
        input.append(Buffer.buffer("N".repeat(998) + "\r\n" + "N".repeat(999) + "\r\n"));
        assertEquals(998, input.nextLine(1000).bytes().length);
        assertTrue(input.nextLine(1000).tooLong());
    }

    @Test
    void invalidUtf8IsNotText() {
        InputBuffer input = new InputBuffer();
        input.append(Buffer.buffer(new byte[]{'A', (byte) 0xC3, '\r', '\n'}));
        assertNull(input.nextLine(1000).text());
    }

    @Test
    void discardAllDropsInjectedInput() {
        InputBuffer input = new InputBuffer();
        input.append(Buffer.buffer("MAIL FROM:<injected@evil>\r\n".getBytes(StandardCharsets.US_ASCII)));
        input.discardAll();
        assertEquals(0, input.available());
        assertNull(input.nextLine(1000));
    }
}
