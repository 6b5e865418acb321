package io.mailfleet.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A typed value carried as one JSON Kafka record header. Unknown properties are ignored so that a
 * newer writer adding fields does not break an older reader (a breaking change bumps the version).
 */
public final class JsonHeader<T> {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String name;
    private final Class<T> type;

    public JsonHeader(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    public String name() {
        return name;
    }

    public byte[] encode(T value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode header " + name, e);
        }
    }

    public T decode(byte[] json) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedRecordException("header " + name + " is not a valid " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Replaces any existing header of this name. */
    public void write(Headers headers, T value) {
        headers.remove(name);
        headers.add(name, encode(value));
    }

    /** The last header of this name, or a {@link MalformedRecordException} when it is missing. */
    public T read(Headers headers) {
        Header header = headers.lastHeader(name);
        if (header == null) {
            throw new MalformedRecordException("record has no " + name + " header");
        }
        return decode(header.value());
    }
}
