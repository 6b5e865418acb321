package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.mailstore.delivery.Delivery;
import io.mailfleet.mailstore.delivery.DeliveryOutcome;
import io.mailfleet.mailstore.delivery.DeliveryTarget;
import io.mailfleet.mailstore.delivery.Destination;
import io.mailfleet.mailstore.delivery.LocalDeliveries;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Two sessions on one mailbox: what one does, the other sees, at once in IDLE, otherwise at its next command. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class IdleTest {

    @Inject
    MailAccessListeners listeners;

    @Inject
    LocalDeliveries deliveries;

    private ImapTranscript session(DirectoryServerResource.Account account) throws IOException {
        ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"));
        imap.line();
        assertThat(ImapProtocolTest.last(imap.command("LOGIN " + ImapProtocolTest.quoted(account.username()) + " "
                + ImapProtocolTest.quoted(account.password())))).contains("OK");
        return imap;
    }

    private static void append(ImapTranscript imap, String tag) throws IOException {
        String message = ImapProtocolTest.MESSAGE;
        imap.send(tag + " APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\n");
        assertThat(ImapProtocolTest.last(imap.until(tag))).contains("OK [APPENDUID");
    }

    /** Reads untagged lines until one equals {@code expected}; fails after {@code millis} without it. */
    private static long awaitLine(ImapTranscript imap, String expected, int millis) throws IOException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMillis(millis).toNanos();
        while (System.nanoTime() < deadline) {
            String line = imap.lineWithin((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (expected.equals(line)) {
                return Duration.ofNanos(System.nanoTime() - start).toMillis();
            }
        }
        throw new AssertionError("no \"" + expected + "\" within " + millis + " ms");
    }

    @Test
    void idleSessionSeesAnotherSessionsAppendFlagsAndExpunge() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("idle");
        try (ImapTranscript watcher = session(account); ImapTranscript actor = session(account)) {
            append(actor, "a1");
            assertThat(watcher.command("SELECT INBOX")).contains("* 1 EXISTS");
            watcher.send("w1 IDLE\r\n");
            assertThat(watcher.line()).isEqualTo("+ idling");

            append(actor, "a2");
            assertThat(awaitLine(watcher, "* 2 EXISTS", 5000)).isLessThan(1000);
            actor.command("SELECT INBOX");
            actor.command("UID STORE 1 +FLAGS (\\Flagged \\Deleted)");
            awaitLine(watcher, "* 1 FETCH (FLAGS (\\Deleted \\Flagged \\Recent))", 5000);
            assertThat(ImapProtocolTest.last(actor.command("EXPUNGE"))).endsWith("OK EXPUNGE completed.");
            assertThat(awaitLine(watcher, "* 1 EXPUNGE", 5000)).isLessThan(1000);

            watcher.send("DONE\r\n");
            assertThat(watcher.line()).isEqualTo("w1 OK IDLE terminated");
            assertThat(watcher.command("FETCH 1:* UID").get(0)).isEqualTo("* 1 FETCH (UID 2)");
        }
    }

    @Test
    void sessionOutsideIdleSeesChangesAtItsNextCommand() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("noop");
        try (ImapTranscript first = session(account); ImapTranscript second = session(account)) {
            append(first, "a1");
            append(first, "a2");
            first.command("SELECT INBOX");
            second.command("SELECT INBOX");
            second.command("STORE 1 +FLAGS (\\Deleted)");
            second.command("EXPUNGE");
            append(second, "a3");
            // by sequence number, FETCH must not announce the expunge (numbers would shift under the client)
            List<String> fetch = first.command("FETCH 1 FLAGS");
            assertThat(fetch).noneMatch(line -> line.endsWith("EXPUNGE"));
            List<String> noop = first.command("NOOP");
            assertThat(noop).containsSubsequence("* 1 EXPUNGE", "* 2 EXISTS");
            assertThat(first.command("FETCH 1:* UID")).containsSubsequence("* 1 FETCH (UID 2)", "* 2 FETCH (UID 3)");
        }
    }

    @Test
    void deliveryAnnouncedOnMailboxChangesWakesIdle() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("delivery");
        try (ImapTranscript watcher = session(account);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            watcher.command("SELECT INBOX");
            watcher.send("w1 IDLE\r\n");
            assertThat(watcher.line()).isEqualTo("+ idling");
            // delivered the way delivery-worker does it: straight into the mailstore, then announced on Kafka only
            List<DeliveryOutcome> outcomes = deliveries.deliver(List.of(new Delivery(UUID.randomUUID().toString(),
                    ImapProtocolTest.MESSAGE.getBytes(StandardCharsets.US_ASCII), OffsetDateTime.now(),
                    List.of(new DeliveryTarget(account.accountId(), Destination.inbox(), null, null))))).await().atMost(Duration.ofSeconds(10));
            var stored = outcomes.get(0).stored().orElseThrow();
            String change = new MailboxChange(account.accountId(), stored.mailboxId(), stored.uidValidity(),
                    MailboxChange.Kind.APPENDED, List.of(stored.uid()), stored.modseq()).toJson();
            // the listener joins its consumer group at startup, from the latest offset: announce until it is heard
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String line = null;
            while (System.nanoTime() < deadline && !"* 1 EXISTS".equals(line)) {
                producer.send(new ProducerRecord<>("mailbox.changes", account.accountId(), change));
                producer.flush();
                line = watcher.lineWithin(1000);
            }
            assertThat(line).isEqualTo("* 1 EXISTS");
            watcher.send("DONE\r\n");
            assertThat(ImapProtocolTest.last(watcher.until("w1"))).isEqualTo("w1 OK IDLE terminated");
        }
    }
}
