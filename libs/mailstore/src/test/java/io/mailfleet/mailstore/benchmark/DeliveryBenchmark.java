package io.mailfleet.mailstore.benchmark;

import io.mailfleet.mailstore.delivery.Delivery;
import io.mailfleet.mailstore.delivery.DeliveryOutcome;
import io.mailfleet.mailstore.delivery.DeliveryTarget;
import io.mailfleet.mailstore.delivery.Destination;
import io.mailfleet.mailstore.delivery.LocalDeliveries;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Deliveries per second into the mailstore: 10 KiB messages, one recipient each, in batches of
 * 1/10/100 per transaction, with 1 and 4 transactions in flight. Not part of the normal build: run with
 * {@code ./mvnw -B verify -pl libs/mailstore -Dtest=DeliveryBenchmark -Dmailfleet.benchmark=true}
 * (optionally {@code -Dmailfleet.benchmark.messages=N}); results go to stdout and
 * {@code target/benchmark/deliveries.md}.
 */
@QuarkusTest
@QuarkusTestResource(value = DurablePostgres.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "mailfleet.benchmark", matches = "true")
class DeliveryBenchmark {

    static final int MESSAGE_BYTES = 10 * 1024;
    static final int ACCOUNTS = 20;

    @Inject
    LocalDeliveries deliveries;

    private final Random random = new Random(42);
    private final String run = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();

    @Test
    void deliveriesPerSecond() throws IOException {
        int messages = Integer.getInteger("mailfleet.benchmark.messages", 3000);
        measure(1, 1, 300); // warm-up: JIT, connection pool, prepared statements
        List<String> rows = new ArrayList<>();
        rows.add("| batch size | transactions in flight | messages | seconds | deliveries/s |");
        rows.add("| ---: | ---: | ---: | ---: | ---: |");
        for (int inFlight : new int[] {1, 4}) {
            for (int batchSize : new int[] {1, 10, 100}) {
                double seconds = measure(batchSize, inFlight, messages);
                rows.add(String.format("| %d | %d | %d | %.2f | %.0f |", batchSize, inFlight, messages, seconds, messages / seconds));
            }
        }
        String table = String.join("\n", rows) + "\n";
        System.out.println(table);
        Path out = Path.of("target", "benchmark", "deliveries.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private double measure(int batchSize, int inFlight, int messages) {
        List<List<Delivery>> batches = new ArrayList<>();
        for (int i = 0; i < messages; i += batchSize) {
            List<Delivery> batch = new ArrayList<>();
            for (int j = i; j < Math.min(messages, i + batchSize); j++) {
                batch.add(delivery());
            }
            batches.add(batch);
        }
        long start = System.nanoTime();
        List<List<DeliveryOutcome>> outcomes = Multi.createFrom().iterable(batches)
                .onItem().transformToUni(batch -> deliveries.deliver(batch)).merge(inFlight)
                .collect().asList()
                .await().atMost(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(messages, outcomes.stream().flatMap(List::stream)
                .filter(outcome -> outcome.status() == DeliveryOutcome.Status.DELIVERED).count());
        return seconds;
    }

    /** A unique 10 KiB message (so every delivery writes its own blob) for one of the accounts. */
    private Delivery delivery() {
        long n = sequence.incrementAndGet();
        StringBuilder text = new StringBuilder("From: bench@example.org\r\nTo: user@example.com\r\nSubject: benchmark " + n
                + "\r\nMessage-ID: <" + run + "." + n + "@example.org>\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        while (text.length() < MESSAGE_BYTES) {
            text.append("lorem").append(random.nextInt(100_000)).append(text.length() % 76 < 8 ? "\r\n" : " ");
        }
        byte[] content = text.substring(0, MESSAGE_BYTES).getBytes(StandardCharsets.US_ASCII);
        String account = "bench-" + run + "-" + (n % ACCOUNTS);
        return new Delivery(run + "-" + n, content, OffsetDateTime.now(ZoneOffset.UTC),
                List.of(new DeliveryTarget(account, Destination.inbox(), ("Delivered-To: user@example.com\r\n").getBytes(StandardCharsets.US_ASCII), null)));
    }
}
