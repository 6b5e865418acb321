package io.mailfleet.events;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailRecordTest {

    static MailEnvelope envelope(String id) {
        return new MailEnvelope(MailEnvelope.CURRENT_VERSION, id, Instant.parse("2026-11-28T10:15:30.123Z"),
                "mx.sender.example", "192.0.2.10", "mx.sender.example", new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256"), null,
                "bounce@sender.example",
                List.of(Recipient.local("alice@example.com", "t-1", "a-1"),
                        new Recipient("bob@remote.example", null, null, Map.of("NOTIFY", "FAILURE"))),
                42, Direction.INBOUND, Map.of("BODY", "8BITMIME", "SMTPUTF8", ""));
    }

    @Test
    void producerRecordRoundTripsEnvelopeVerdictAndBytes() {
        byte[] content = "Subject: h\u00e9llo\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);
        Verdict verdict = new Verdict(3.5, Verdict.Action.JUNK, List.of(new Verdict.Symbol("BAYES_99", 3.5, "0.99")));
        MailRecord original = MailRecord.unscored(envelope("m-1"), content).withVerdict(verdict);

        var producerRecord = original.toProducerRecord(Topics.MAIL_SCORED);
        assertEquals("m-1", producerRecord.key());
        assertEquals(Topics.MAIL_SCORED, producerRecord.topic());

        MailRecord read = MailRecord.from(producerRecord.headers(), producerRecord.value());
        assertEquals(original.envelope(), read.envelope());
        assertEquals(verdict, read.verdict());
        assertArrayEquals(content, read.content());
    }

    @Test
    void unscoredRecordHasNoVerdict() {
        MailRecord read = MailRecord.from(MailRecord.unscored(envelope("m-2"), new byte[]{1}).headers(), new byte[]{1});
        assertNull(read.verdict());
    }

    @Test
    void envelopeHeaderIsVersionedJson() {
        String json = new String(MailHeaders.ENVELOPE.encode(envelope("m-3")), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"version\":1"), json);
        assertTrue(json.contains("\"receivedAt\":\"2026-11-28T10:15:30.123Z\""), json);
    }

    @Test
    void newerWritersMayAddFields() {
        String json = new String(MailHeaders.ENVELOPE.encode(envelope("m-4")), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedLater\":true,");
        assertEquals(envelope("m-4"), MailHeaders.ENVELOPE.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void contractViolationsAreMalformedRecords() {
        var noEnvelope = new RecordHeaders();
        assertThrows(MalformedRecordException.class, () -> MailRecord.from(noEnvelope, new byte[]{1}));

        var garbage = new RecordHeaders();
        garbage.add(MailHeaders.ENVELOPE.name(), "{not json".getBytes(StandardCharsets.UTF_8));
        assertThrows(MalformedRecordException.class, () -> MailRecord.from(garbage, new byte[]{1}));

        var noRecipients = new RecordHeaders();
        noRecipients.add(MailHeaders.ENVELOPE.name(),
                "{\"version\":1,\"messageId\":\"x\",\"direction\":\"INBOUND\",\"recipients\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThrows(MalformedRecordException.class, () -> MailRecord.from(noRecipients, new byte[]{1}));

        var futureVersion = new RecordHeaders();
        futureVersion.add(MailHeaders.ENVELOPE.name(), new String(MailHeaders.ENVELOPE.encode(envelope("m-5")), StandardCharsets.UTF_8)
                .replace("\"version\":1", "\"version\":2").getBytes(StandardCharsets.UTF_8));
        assertThrows(MalformedRecordException.class, () -> MailRecord.from(futureVersion, new byte[]{1}));

        assertThrows(MalformedRecordException.class, () -> MailRecord.from(MailRecord.unscored(envelope("m-6"), new byte[0]).headers(), null));
    }

    @Test
    void topicsAreDistinctAndIncludeRetriesAndDeadLetter() {
        List<String> all = Topics.all();
        assertEquals(all.size(), all.stream().distinct().count());
        assertTrue(all.containsAll(List.of(Topics.MAIL_INBOUND, Topics.MAIL_SCORED, Topics.MAIL_DEAD_LETTER, Topics.MAILBOX_CHANGES)));
        assertTrue(all.containsAll(Topics.MAIL_OUTBOUND_RETRIES));
    }
}
