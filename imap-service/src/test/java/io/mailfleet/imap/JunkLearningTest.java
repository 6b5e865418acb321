package io.mailfleet.imap;

import io.mailfleet.events.Topics;
import io.mailfleet.events.TrainingSignal;
import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mailfleet.imap.ImapProtocolTest.last;
import static io.mailfleet.imap.ImapProtocolTest.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Moving mail into or out of Junk publishes spam.training records, read back from the real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class JunkLearningTest {

    @Inject
    MailAccessListeners listeners;

    private KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    @BeforeEach
    void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "junk-learning-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 33554432),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.SPAM_TRAINING));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    /** The tenant's records, polled until {@code count} have arrived (each test has its own tenant). */
    private List<ConsumerRecord<String, byte[]>> signals(String tenantId, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.stream().filter(r -> r.key().equals(tenantId)).count() >= count;
        });
        return received.stream().filter(r -> r.key().equals(tenantId)).toList();
    }

    private static TrainingSignal signal(ConsumerRecord<String, byte[]> record) {
        return TrainingSignal.HEADER.read(record.headers());
    }

    private ImapTranscript loggedIn(DirectoryServerResource.Account account) throws IOException {
        ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"));
        imap.line();
        assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password())))).contains("OK");
        return imap;
    }

    private static void append(ImapTranscript imap, String mailbox, byte[] message) throws IOException {
        imap.send("a APPEND " + mailbox + " {" + message.length + "+}\r\n");
        imap.send(message);
        imap.send("\r\n");
        assertThat(last(imap.until("a"))).contains("OK [APPENDUID");
    }

    private static byte[] message(String subject, int bodyOctets) {
        String head = "From: someone@example.net\r\nTo: user@example.org\r\nSubject: " + subject + "\r\n\r\n";
        byte[] body = new byte[bodyOctets];
        Arrays.fill(body, (byte) 'x');
        for (int i = 76; i < body.length; i += 78) {
            body[i - 1] = '\r';
            body[i] = '\n';
        }
        byte[] bytes = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
        System.arraycopy(body, 0, bytes, head.length(), body.length);
        return bytes;
    }

    @Test
    void moveIntoJunkIsSpamAndBackToInboxIsHam() throws IOException {
        String tenant = "junk-" + UUID.randomUUID().toString().substring(0, 8);
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount(tenant);
        byte[] small = message("cheap pills", 200);
        byte[] large = message("huge offer", TrainingSignal.MAX_CONTENT + 50_000);
        try (ImapTranscript imap = loggedIn(account)) {
            append(imap, "INBOX", small);
            append(imap, "INBOX", large);
            assertThat(last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
            assertThat(last(imap.command("MOVE 1:2 Junk"))).endsWith("OK MOVE completed.");

            List<ConsumerRecord<String, byte[]>> spam = signals(tenant, 2);
            assertThat(spam).allSatisfy(record -> {
                TrainingSignal signal = signal(record);
                assertThat(signal.label()).isEqualTo(TrainingSignal.Label.SPAM);
                assertThat(signal.tenantId()).isEqualTo(tenant);
                assertThat(signal.accountId()).isEqualTo(account.accountId());
                assertThat(signal.source()).isEqualTo("imap-move");
                assertThat(signal.messageId()).isNotBlank();
            });
            assertThat(spam.get(0).value()).isEqualTo(small);
            // cut at MAX_CONTENT: the first octets of the message, no more
            assertThat(spam.get(1).value()).isEqualTo(Arrays.copyOf(large, TrainingSignal.MAX_CONTENT));

            // out of Junk into Trash says nothing; back into INBOX (by UID) is ham for that message only
            assertThat(last(imap.command("SELECT Junk"))).contains("OK [READ-WRITE]");
            assertThat(last(imap.command("COPY 2 Trash"))).contains("OK [COPYUID");
            assertThat(last(imap.command("UID MOVE 1 INBOX"))).endsWith("OK MOVE completed.");
            List<ConsumerRecord<String, byte[]>> all = signals(tenant, 3);
            assertThat(all).hasSize(3);
            ConsumerRecord<String, byte[]> ham = all.get(2);
            assertThat(signal(ham).label()).isEqualTo(TrainingSignal.Label.HAM);
            assertThat(signal(ham).messageId()).isEqualTo(signal(spam.get(0)).messageId());
            assertThat(ham.value()).isEqualTo(small);
        }
    }

    @Test
    void copyIntoJunkIsSpamAndOtherMovesSayNothing() throws IOException {
        String tenant = "junkcopy-" + UUID.randomUUID().toString().substring(0, 8);
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount(tenant);
        byte[] first = message("first", 100);
        byte[] second = message("second", 120);
        try (ImapTranscript imap = loggedIn(account)) {
            append(imap, "INBOX", first);
            append(imap, "INBOX", second);
            assertThat(last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
            assertThat(last(imap.command("MOVE 1 Archive"))).endsWith("OK MOVE completed.");
            assertThat(last(imap.command("COPY 1 Trash"))).contains("OK [COPYUID");
            assertThat(last(imap.command("UID COPY 1:* Junk"))).contains("OK [COPYUID");
            List<ConsumerRecord<String, byte[]>> signals = signals(tenant, 1);
            assertThat(signals).hasSize(1);
            assertThat(signal(signals.get(0)).label()).isEqualTo(TrainingSignal.Label.SPAM);
            assertThat(signals.get(0).value()).isEqualTo(second);
        }
    }
}
