package io.mailfleet.mailstore.mime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageParserTest {

    private final MessageParser parser = new MessageParser();

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void envelopeKeepsRawValuesAndDefaultsSenderAndReplyToToFrom() {
        ParsedMessage parsed = parser.parse(crlf("""
                Date: Mon, 7 Feb 1994 21:52:25 -0800
                From: "Fred Foobar" <foobar@Blurdybloop.example>
                Subject: =?UTF-8?Q?caf=C3=A9?= afternoon
                To: mooch@owatagu.example, Team: a@b.example, c@d.example;
                Message-Id: <B27397-0100000@Blurdybloop.example>

                Hello Joe, do you think we can meet at 3:30 tomorrow?
                """));
        JsonObject envelope = parsed.envelope();
        assertEquals("Mon, 7 Feb 1994 21:52:25 -0800", envelope.getString("date"));
        assertEquals("=?UTF-8?Q?caf=C3=A9?= afternoon", envelope.getString("subject"));
        JsonObject from = envelope.getJsonArray("from").getJsonObject(0);
        assertEquals("Fred Foobar", from.getString("name"));
        assertEquals("foobar", from.getString("mailbox"));
        assertEquals("Blurdybloop.example", from.getString("host"));
        assertEquals(envelope.getJsonArray("from"), envelope.getJsonArray("sender"));
        assertEquals(envelope.getJsonArray("from"), envelope.getJsonArray("replyTo"));
        JsonArray to = envelope.getJsonArray("to");
        // mooch, group start "Team", two members, group end
        assertEquals(5, to.size());
        assertEquals("Team", to.getJsonObject(1).getString("mailbox"));
        assertNull(to.getJsonObject(1).getString("host"));
        assertNull(to.getJsonObject(4).getString("mailbox"));
        assertNull(envelope.getValue("cc"));
        assertEquals("<B27397-0100000@Blurdybloop.example>", envelope.getString("messageId"));
        assertTrue(parsed.searchText().contains("café"), parsed.searchText());
        assertTrue(parsed.searchText().contains("tomorrow"));
        JsonObject body = parsed.bodyStructure();
        assertEquals("text", body.getString("type"));
        assertEquals("plain", body.getString("subtype"));
        assertEquals(1L, body.getLong("lines"));
    }

    @Test
    void multipartStructureHasEncodedSizesLinesAndDispositions() {
        ParsedMessage parsed = parser.parse(crlf("""
                From: a@example.com
                Subject: report
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="XX"

                preamble
                --XX
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                Gr=FC=DFe aus K=F6ln
                zweite Zeile
                --XX
                Content-Type: application/pdf; name="r.pdf"
                Content-Disposition: attachment; filename="r.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --XX
                Content-Type: message/rfc822

                From: inner@example.com
                Subject: inner

                inner body
                --XX--
                """));
        JsonObject root = parsed.bodyStructure();
        assertEquals("multipart", root.getString("type"));
        assertEquals("mixed", root.getString("subtype"));
        assertEquals("XX", root.getJsonObject("params").getString("boundary"));
        JsonArray parts = root.getJsonArray("parts");
        assertEquals(3, parts.size());
        JsonObject text = parts.getJsonObject(0);
        assertEquals("quoted-printable", text.getString("encoding"));
        assertEquals("iso-8859-1", text.getJsonObject("params").getString("charset"));
        assertEquals("Gr=FC=DFe aus K=F6ln\r\nzweite Zeile".length(), text.getLong("size"));
        // two lines: the second gives its CRLF to the boundary but is a line all the same
        assertEquals(2L, text.getLong("lines"));
        JsonObject pdf = parts.getJsonObject(1);
        assertEquals("application", pdf.getString("type"));
        assertEquals("attachment", pdf.getJsonObject("disposition").getString("type"));
        assertEquals("r.pdf", pdf.getJsonObject("disposition").getJsonObject("params").getString("filename"));
        assertNull(pdf.getValue("lines"));
        JsonObject nested = parts.getJsonObject(2);
        assertEquals("message", nested.getString("type"));
        assertEquals("inner", nested.getJsonObject("envelope").getString("subject"));
        assertEquals("text", nested.getJsonObject("body").getString("type"));
        assertNotNull(nested.getLong("lines"));
        assertTrue(parsed.searchText().contains("Grüße aus Köln"), parsed.searchText());
    }

    @Test
    void aLastLineWithoutLineEndingIsCounted() {
        byte[] unterminated = "Subject: x\r\n\r\nfirst\r\nsecond".getBytes(StandardCharsets.US_ASCII);
        assertEquals(2L, parser.parse(unterminated).bodyStructure().getLong("lines"));
        byte[] terminated = "Subject: x\r\n\r\nfirst\r\nsecond\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(2L, parser.parse(terminated).bodyStructure().getLong("lines"));
        byte[] oneLine = "Subject: x\r\n\r\nRhubarb!".getBytes(StandardCharsets.US_ASCII);
        assertEquals(1L, parser.parse(oneLine).bodyStructure().getLong("lines"));
        byte[] empty = "Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0L, parser.parse(empty).bodyStructure().getLong("lines"));
    }

    @Test
    void brokenMimeGetsABestEffortStructureAndNeverThrows() {
        byte[] broken = crlf("""
                From: =?bogus?X?zzz?= <a@example.com>
                Subject: Grüße ohne Kodierung
                Content-Type: multipart/mixed; boundary="never-closed"
                Content-Transfer-Encoding: base64

                --never-closed
                Content-Type: text/plain; charset=no-such-charset
                Content-Transfer-Encoding: base64

                !!!! not base64 at all ====
                --never-closed
                Content-Type: text/html
                Content-Transfer-Encoding: quoted-printable

                <p>half =ZZ encoded =
                """);
        ParsedMessage parsed = parser.parse(broken);
        assertEquals("multipart", parsed.bodyStructure().getString("type"));
        assertEquals("Grüße ohne Kodierung", parsed.envelope().getString("subject"));
        assertTrue(parsed.searchText().contains("half"), parsed.searchText());
    }

    @Test
    void latin1HeaderBytesAndBinaryGarbageAreTolerated() {
        byte[] latin1 = "Subject: Gr\u00fc\u00dfe\r\n\r\nbody\u0000with NUL\r\n".getBytes(StandardCharsets.ISO_8859_1);
        ParsedMessage parsed = parser.parse(latin1);
        assertEquals("Grüße", parsed.envelope().getString("subject"));
        assertTrue(!parsed.searchText().contains("\u0000"));

        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        ParsedMessage noise = parser.parse(garbage);
        assertNotNull(noise.bodyStructure().getString("type"));
        assertTrue(!noise.searchText().contains("\u0000"));
    }
}
