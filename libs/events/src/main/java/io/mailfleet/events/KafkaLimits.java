package io.mailfleet.events;

import java.util.Map;

/**
 * Client and broker settings that let a maximum-size message through. A record is the message plus
 * its headers, so every limit leaves headroom above {@link #MAX_MESSAGE_BYTES}.
 *
 * <p>Compression is lz4: mail is mostly already-compressed attachments and base64, where zstd's better
 * ratio buys little, while lz4 costs the least CPU per byte on the gateway's hot path and needs no
 * native-access flags on newer JDKs.
 */
public final class KafkaLimits {

    /** Default largest message the gateways accept (SIZE), 25 MiB. */
    public static final int MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
    /** Largest record the broker and clients accept: the message plus 7 MiB for headers and batch overhead. */
    public static final int MAX_RECORD_BYTES = 32 * 1024 * 1024;
    public static final String COMPRESSION = "lz4";

    private KafkaLimits() {
    }

    public static Map<String, Object> producer() {
        return Map.of(
                "max.request.size", MAX_RECORD_BYTES,
                "buffer.memory", (long) MAX_RECORD_BYTES * 2,
                "compression.type", COMPRESSION,
                "acks", "all",
                "enable.idempotence", true);
    }

    public static Map<String, Object> consumer() {
        return Map.of(
                "fetch.max.bytes", MAX_RECORD_BYTES * 2,
                "max.partition.fetch.bytes", MAX_RECORD_BYTES);
    }

    /** Broker/topic settings: {@code message.max.bytes} for the broker, {@code max.message.bytes} per topic. */
    public static Map<String, String> broker() {
        return Map.of(
                "message.max.bytes", String.valueOf(MAX_RECORD_BYTES),
                "replica.fetch.max.bytes", String.valueOf(MAX_RECORD_BYTES));
    }
}
