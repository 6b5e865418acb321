package io.mailfleet.spam.bayes;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Topics;
import io.mailfleet.events.TrainingSignal;
import io.mailfleet.events.Verdict;
import io.mailfleet.infra.Await;
import io.mailfleet.spam.dns.TestDnsResource;
import io.mailfleet.spam.support.MailTopics;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learning from users through the real broker and PostgreSQL: spam.training signals build one tenant's model (repeated
 * signals counted once, a changed label moved), and that model changes the verdict for the tenant's mail only.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TestDnsResource.class)
class TenantBayesTest {

    /** The default mailfleet.spam.bayes.min-messages: the model speaks once it has this many of each kind. */
    private static final int EACH = 200;
    /** One more spam than needed, so the model still speaks after one of them is relearned as ham. */
    private static final int SPAM = EACH + 1;
    private static final List<String> HAM_WORDS = List.of("meeting", "agenda", "minutes", "project", "review", "kernel", "patch",
            "release", "schedule", "lunch", "thanks", "regards", "quarterly", "budget", "draft", "colleague");
    private static final List<String> SPAM_WORDS = List.of("zorblax", "quintillion", "frobnicate", "megadeal", "glorptastic",
            "wibblecoin", "snarfprize", "hyperbonus", "blarnium", "splendiferous", "moneystorm", "jackpotron");

    @Inject
    Pool pool;

    @Test
    void signalsTrainTheTenantsModelOnceAndChangeItsVerdictsOnly() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String other = "tenant-" + UUID.randomUUID();
        Random random = new Random(7);
        List<String> spamIds = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = MailTopics.producer()) {
            for (int i = 0; i < SPAM; i++) {
                String id = "spam-" + i;
                spamIds.add(id);
                producer.send(signal(tenant, id, TrainingSignal.Label.SPAM, message(random, SPAM_WORDS, "deals" + i + "@promo.test")));
                if (i % 10 == 0) {
                    // the user moved the same message into Junk again (or the producer retried): must not count twice
                    producer.send(signal(tenant, id, TrainingSignal.Label.SPAM, message(random, SPAM_WORDS, "deals" + i + "@promo.test")));
                }
            }
            for (int i = 0; i < EACH; i++) {
                producer.send(signal(tenant, "ham-" + i, TrainingSignal.Label.HAM, message(random, HAM_WORDS, "colleague@work.test")));
            }
            producer.flush();
        }
        // one partition per tenant key, consumed in order: when the last ham is counted, every spam before it was too
        Await.until("the tenant model learned " + EACH + " ham", Duration.ofSeconds(60), () -> totals(tenant)[1] == EACH);
        assertEquals(SPAM, totals(tenant)[0], "repeated signals are learned once");
        assertEquals(SPAM + EACH, learnedMessages(tenant));

        // the user changes their mind about one message: it moves from spam to ham
        try (KafkaProducer<String, byte[]> producer = MailTopics.producer()) {
            producer.send(signal(tenant, spamIds.get(3), TrainingSignal.Label.HAM, message(random, SPAM_WORDS, "deals3@promo.test"))).get();
        }
        Await.until("the relearned message moved to ham", Duration.ofSeconds(30), () -> totals(tenant)[1] == EACH + 1);
        assertEquals(SPAM - 1, totals(tenant)[0]);

        byte[] spam = message(new Random(99), SPAM_WORDS, "newdeals@promo.test").getBytes(StandardCharsets.US_ASCII);
        Verdict toTenant = score(spam, tenant);
        Verdict toOther = score(spam, other);
        assertTrue(symbols(toTenant).contains("BAYES_9999"), "the tenant taught this kind of mail is spam: " + toTenant);
        assertEquals(Verdict.Action.JUNK, toTenant.action(), toTenant.toString());
        assertTrue(symbols(toOther).stream().noneMatch(name -> name.startsWith("BAYES_")),
                "another tenant's model stays out of it (and the empty global model has no opinion): " + toOther);
        assertEquals(Verdict.Action.DELIVER, toOther.action());

        byte[] ham = message(new Random(98), HAM_WORDS, "colleague@work.test").getBytes(StandardCharsets.US_ASCII);
        assertTrue(symbols(score(ham, tenant)).contains("BAYES_00"));
    }

    @Test
    void aSignalWithoutItsHeaderIsDeadLettered() throws Exception {
        String key = "tenant-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = MailTopics.producer()) {
            producer.send(new ProducerRecord<>(Topics.SPAM_TRAINING, key, "Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII))).get();
        }
        ConsumerRecord<String, byte[]> dead = MailTopics.await(Topics.MAIL_DEAD_LETTER, record -> key.equals(record.key()));
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains(TrainingSignal.HEADER.name()), reason);
        assertEquals(0, totals(key)[0] + totals(key)[1]);
    }

    private static String message(Random random, List<String> words, String from) {
        StringBuilder body = new StringBuilder();
        List<String> common = List.of("the", "and", "you", "your", "this", "that", "with", "have", "from", "today");
        for (int i = 0; i < 40; i++) {
            List<String> pool = random.nextDouble() < 0.5 ? common : words;
            body.append(pool.get(random.nextInt(pool.size()))).append(' ');
        }
        return "From: " + from + "\r\nSubject: " + words.get(random.nextInt(words.size())) + "\r\n\r\n" + body + "\r\n";
    }

    private static ProducerRecord<String, byte[]> signal(String tenant, String messageId, TrainingSignal.Label label, String content) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.SPAM_TRAINING, tenant, content.getBytes(StandardCharsets.US_ASCII));
        TrainingSignal.HEADER.write(record.headers(), new TrainingSignal(TrainingSignal.CURRENT_VERSION, tenant, "account-1", messageId,
                label, "imap-move", Instant.now()));
        return record;
    }

    private long[] totals(String tenant) {
        return pool.preparedQuery("SELECT spam_messages, ham_messages FROM bayes.totals WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .map(rows -> {
                    for (Row row : rows) {
                        return new long[] {row.getLong(0), row.getLong(1)};
                    }
                    return new long[2];
                }).await().atMost(Duration.ofSeconds(10));
    }

    private long learnedMessages(String tenant) {
        return pool.preparedQuery("SELECT count(*) FROM bayes.learned WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(10));
    }

    private static Verdict score(byte[] content, String tenant) throws Exception {
        String id = UUID.randomUUID().toString();
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, id, Instant.now(), "client.example", "198.51.100.7", null,
                null, null, "", List.of(Recipient.local("user@" + tenant + ".test", tenant, "a")), content.length, Direction.INBOUND, Map.of());
        MailTopics.publishInbound(MailRecord.unscored(envelope, content));
        return MailRecord.from(MailTopics.awaitKey(Topics.MAIL_SCORED, id)).verdict();
    }

    private static List<String> symbols(Verdict verdict) {
        return verdict.symbols().stream().map(Verdict.Symbol::name).toList();
    }
}
