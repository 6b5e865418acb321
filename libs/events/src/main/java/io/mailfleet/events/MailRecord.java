package io.mailfleet.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One message on a mail topic: key = message id, value = the raw RFC 5322 bytes exactly as received,
 * envelope (and, once scored, verdict) in headers.
 */
public record MailRecord(MailEnvelope envelope, byte[] content, Verdict verdict) {

    public MailRecord {
        if (envelope == null || content == null) {
            throw new IllegalArgumentException("envelope and content are required");
        }
        if (envelope.version() != MailEnvelope.CURRENT_VERSION) {
            throw new MalformedRecordException("unsupported envelope version " + envelope.version());
        }
    }

    public static MailRecord unscored(MailEnvelope envelope, byte[] content) {
        return new MailRecord(envelope, content, null);
    }

    public MailRecord withVerdict(Verdict newVerdict) {
        return new MailRecord(envelope, content, newVerdict);
    }

    public String key() {
        return envelope.messageId();
    }

    public Headers headers() {
        Headers headers = new RecordHeaders();
        MailHeaders.ENVELOPE.write(headers, envelope);
        if (verdict != null) {
            MailHeaders.VERDICT.write(headers, verdict);
        }
        return headers;
    }

    public ProducerRecord<String, byte[]> toProducerRecord(String topic) {
        return new ProducerRecord<>(topic, null, key(), content, headers());
    }

    /** Reads a record; the verdict is optional, the envelope is not. */
    public static MailRecord from(Headers headers, byte[] value) {
        if (value == null) {
            throw new MalformedRecordException("record has no message content");
        }
        MailEnvelope envelope = MailHeaders.ENVELOPE.read(headers);
        Verdict verdict = headers.lastHeader(MailHeaders.VERDICT.name()) == null ? null : MailHeaders.VERDICT.read(headers);
        return new MailRecord(envelope, value, verdict);
    }

    public static MailRecord from(ConsumerRecord<String, byte[]> record) {
        return from(record.headers(), record.value());
    }
}
