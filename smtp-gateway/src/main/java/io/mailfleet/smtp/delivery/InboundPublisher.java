package io.mailfleet.smtp.delivery;

import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes accepted messages to {@code mail.inbound}: the gateway's queue file. The producer is idempotent
 * with {@code acks=all}, and the returned {@link Uni} completes only when every in-sync replica has the
 * record, so a {@code 250} is never answered for a message the broker could still lose.
 *
 * <p>Settings come from the {@code kafka.*} configuration (the Quarkus "default-kafka-broker" map,
 * which carries the KafkaLimits sizes) over the {@link KafkaLimits#producer()} defaults. {@code send}
 * may block while it fetches metadata or waits for buffer space, so it runs on a worker thread, never
 * on the event loop.
 */
@ApplicationScoped
public class InboundPublisher {

    private final KafkaProducer<String, byte[]> producer;

    public InboundPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>(KafkaLimits.producer());
        kafka.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        // a broker that is down must turn into a 451 within the client's patience, not after 2 minutes
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis());
        settings.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis());
        settings.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(20).toMillis());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "smtp-gateway-inbound");
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /** Completes with the record's position once the broker has acknowledged it with acks=all. */
    public Uni<RecordMetadata> publish(MailRecord record) {
        return Uni.createFrom().<RecordMetadata>emitter(emitter -> {
            try {
                producer.send(record.toProducerRecord(Topics.MAIL_INBOUND), (metadata, failure) -> {
                    if (failure == null) {
                        emitter.complete(metadata);
                    } else {
                        emitter.fail(failure);
                    }
                });
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
