package io.mailfleet.delivery;

import io.mailfleet.delivery.support.DirectoryStub;
import io.mailfleet.delivery.support.MailTopics;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Topics;
import io.mailfleet.events.Verdict;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * End-to-end deliveries per second of the worker: 10 KiB records on mail.scored, one local recipient
 * each, until all are in the mailstore. Not part of the normal build: run with
 * {@code ./mvnw -B verify -pl delivery-worker -Dtest=WorkerThroughputBenchmark -Dmailfleet.benchmark=true}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryStub.class)
@EnabledIfSystemProperty(named = "mailfleet.benchmark", matches = "true")
class WorkerThroughputBenchmark {

    @Inject
    Pool pool;
    @ConfigProperty(name = "mp.messaging.incoming.mail-scored.max.poll.records")
    int maxPollRecords;

    @Test
    void deliveriesPerSecondThroughKafka() {
        int messages = Integer.getInteger("mailfleet.benchmark.messages", 3000);
        String run = MailTopics.uniqueId();
        Recipient[] accounts = new Recipient[20];
        for (int i = 0; i < accounts.length; i++) {
            String address = "bench" + i + "-" + run + "@example.com";
            DirectoryStub.account(address, "t-bench", "a-bench-" + i + "-" + run);
            accounts[i] = Recipient.local(address, "t-bench", "a-bench-" + i + "-" + run);
        }
        String body = "lorem ipsum dolor sit amet ".repeat(10 * 1024 / 27 + 1);
        long start = System.nanoTime();
        try (MailTopics topics = new MailTopics()) {
            for (int i = 0; i < messages; i++) {
                byte[] content = ("Subject: bench " + i + "\r\n\r\n" + body).substring(0, 10 * 1024).getBytes(StandardCharsets.US_ASCII);
                var mail = MailTopics.scored(run + "-" + i, content, Verdict.empty(), accounts[i % accounts.length]);
                topics.sendAsync(mail.toProducerRecord(Topics.MAIL_SCORED));
            }
        }
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200)).until(() -> delivered(run) == messages);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%n| max.poll.records | messages | seconds | deliveries/s |%n| ---: | ---: | ---: | ---: |%n| %d | %d | %.2f | %.0f |%n%n",
                maxPollRecords, messages, seconds, messages / seconds);
    }

    private long delivered(String run) {
        return pool.preparedQuery("SELECT count(*) FROM mailstore.deliveries WHERE message_id LIKE $1")
                .execute(Tuple.of(run + "-%")).await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
    }
}
