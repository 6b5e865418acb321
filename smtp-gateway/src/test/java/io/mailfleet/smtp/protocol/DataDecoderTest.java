package io.mailfleet.smtp.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDecoderTest {

    private static DataDecoder feed(long limit, String... pieces) {
        DataDecoder decoder = new DataDecoder(new MessageBuffer(limit));
        for (String piece : pieces) {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            int consumed = decoder.accept(bytes, 0, bytes.length);
            if (decoder.complete()) {
                assertEquals(bytes.length, consumed, "nothing may follow the end of data in these cases");
            }
        }
        return decoder;
    }

    private static String content(DataDecoder decoder) {
        return new String(decoder.content().toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void endsOnlyAtCrLfDotCrLfAndUnstuffsDots() {
        DataDecoder decoder = feed(1000, "a\r\n..b\r\n...\r\n.", "\r", "\n");
        assertTrue(decoder.complete());
        assertFalse(decoder.bareLineEnding());
        assertEquals("a\r\n.b\r\n..\r\n", content(decoder));
    }

    @Test
    void endOfDataSplitAcrossReads() {
        DataDecoder decoder = feed(1000, "x\r", "\n", ".", "\r");
        assertFalse(decoder.complete());
        feedMore(decoder, "\n");
        assertTrue(decoder.complete());
        assertEquals("x\r\n", content(decoder));
    }

    @Test
    void emptyMessage() {
        DataDecoder decoder = feed(1000, ".\r\n");
        assertTrue(decoder.complete());
        assertEquals("", content(decoder));
    }

    @Test
    void stopsAtTheEndAndLeavesTheRest() {
        DataDecoder decoder = new DataDecoder(new MessageBuffer(1000));
        byte[] bytes = "x\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(6, decoder.accept(bytes, 0, bytes.length));
        assertTrue(decoder.complete());
    }

    @Test
    void bareLfDotLfDoesNotEndTheData() {
        DataDecoder decoder = feed(1000, "x\n.\nMAIL FROM:<a@b>\r\n");
        assertFalse(decoder.complete());
        assertTrue(decoder.bareLineEnding());
    }

    @Test
    void bareCrIsFlagged() {
        DataDecoder decoder = feed(1000, "x\ry\r\n.\r\n");
        assertTrue(decoder.complete());
        assertTrue(decoder.bareLineEnding());
    }

    @Test
    void oversizeIsCountedNotStored() {
        DataDecoder decoder = feed(4, "12345678\r\n.\r\n");
        assertTrue(decoder.complete());
        assertTrue(decoder.content().oversized());
        assertEquals(10, decoder.content().received());
    }

    private static void feedMore(DataDecoder decoder, String piece) {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        decoder.accept(bytes, 0, bytes.length);
    }
}
