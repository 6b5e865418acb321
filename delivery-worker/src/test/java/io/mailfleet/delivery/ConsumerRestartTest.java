package io.mailfleet.delivery;

import io.mailfleet.delivery.support.DirectoryStub;
import io.mailfleet.delivery.support.MailTopics;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Topics;
import io.mailfleet.events.Verdict;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.MessageEntry;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.UidRange;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker's consumer stops mid-batch and starts again from its last committed offsets, as after a
 * crash: records that were delivered but not yet committed come again, and every message must still
 * be in the mailbox exactly once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryStub.class)
class ConsumerRestartTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final int MESSAGES = 40;

    @Inject
    KafkaClientService kafka;
    @Inject
    Pool pool;
    @Inject
    Mailboxes mailboxes;
    @Inject
    Messages messages;

    private long delivered(List<String> messageIds) {
        return pool.preparedQuery("SELECT count(*) FROM mailstore.deliveries WHERE message_id = ANY($1)")
                .execute(Tuple.of(messageIds.toArray(String[]::new))).await().atMost(WAIT).iterator().next().getLong(0);
    }

    @Test
    void stoppedAndRestartedMidBatchEveryMessageIsStoredExactlyOnce() {
        String id = MailTopics.uniqueId();
        String account = "a-restart-" + id;
        String address = "restart-" + id + "@example.com";
        DirectoryStub.account(address, "t-restart", account);
        List<String> messageIds = new ArrayList<>();
        try (MailTopics topics = new MailTopics()) {
            for (int i = 0; i < MESSAGES; i++) {
                String messageId = "restart-" + id + "-" + i;
                messageIds.add(messageId);
                byte[] content = ("Subject: restart " + i + "\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
                topics.send(MailTopics.scored(messageId, content, Verdict.empty(), Recipient.local(address, "t-restart", account)));
            }
        }
        var consumer = kafka.getConsumer("mail-scored");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> delivered(messageIds) >= 5);

        // stop fetching, then go back to the last committed offsets: what a restarted worker does
        consumer.pause().await().atMost(WAIT);
        long deliveredWhenStopped = delivered(messageIds);
        consumer.resetToLastCommittedPositions().await().atMost(WAIT);
        consumer.resume().await().atMost(WAIT);

        await().atMost(WAIT).until(() -> delivered(messageIds) == MESSAGES);
        long inbox = mailboxes.state(account, "INBOX").await().atMost(WAIT).orElseThrow().id();
        List<MessageEntry> stored = messages.list(account, inbox, UidRange.ALL).await().atMost(WAIT);
        assertEquals(LongStream.rangeClosed(1, MESSAGES).boxed().toList(), stored.stream().map(MessageEntry::uid).toList(),
                "each message exactly once, UIDs without gaps");
        assertEquals(MESSAGES, stored.stream().map(entry -> entry.envelope().getString("subject")).distinct().count());

        // the records delivered before the stop really came again: their changes were announced twice
        long announcements = MailTopics.read(Topics.MAILBOX_CHANGES, account::equals,
                records -> records.size() >= MESSAGES + deliveredWhenStopped, WAIT).size();
        assertTrue(deliveredWhenStopped > 0 && announcements >= MESSAGES + deliveredWhenStopped,
                "expected redelivery of the " + deliveredWhenStopped + " records delivered before the stop; saw " + announcements + " announcements");
    }
}
