package io.mailfleet.spam.bayes;

import io.mailfleet.events.TrainingSignal;
import io.mailfleet.spam.dns.TestDnsResource;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ageing of tenant models on the real PostgreSQL: learning stamps tokens, tokens not learned for 180 days go, a model past
 * its token cap keeps its most recently learned tokens, and the message totals never change.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TestDnsResource.class)
class TenantBayesExpiryTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    TenantBayesStore store;

    @Inject
    TenantBayesExpiry expiry;

    @Inject
    Pool pool;

    @Test
    void learningATokenAgainMakesItRecent() {
        String tenant = "tenant-" + UUID.randomUUID();
        learn(tenant, "m1", TrainingSignal.Label.SPAM, List.of("alpha", "beta"));
        age(tenant, List.of("alpha", "beta"), Instant.now().minus(DAY.multipliedBy(10)));
        learn(tenant, "m2", TrainingSignal.Label.HAM, List.of("beta", "gamma"));
        assertEquals(List.of("beta", "gamma"), tokens(tenant, "last_learned > now() - interval '1 hour'"));
        assertEquals(List.of("alpha"), tokens(tenant, "last_learned < now() - interval '9 days'"));
    }

    @Test
    void tokensNotLearnedForTheMaxAgeGoAndTheTotalsStay() {
        String tenant = "tenant-" + UUID.randomUUID();
        learn(tenant, "m1", TrainingSignal.Label.SPAM, List.of("old1", "old2", "fresh1"));
        learn(tenant, "m2", TrainingSignal.Label.HAM, List.of("fresh2"));
        Instant now = Instant.now();
        age(tenant, List.of("old1", "old2"), now.minus(DAY.multipliedBy(181)));
        age(tenant, List.of("fresh1"), now.minus(DAY.multipliedBy(179)));

        // the service's job with its defaults: 180 days, 150000 tokens
        expiry.expire(now).await().atMost(Duration.ofSeconds(30));

        assertEquals(List.of("fresh1", "fresh2"), tokens(tenant, "true"));
        assertEquals(List.of(1L, 1L), totals(tenant), "message totals are not reduced");
    }

    @Test
    void whatATenantTaughtLongAgoIsForgottenWithItsTokens() {
        String tenant = "tenant-" + UUID.randomUUID();
        learn(tenant, "old", TrainingSignal.Label.SPAM, List.of("a"));
        learn(tenant, "recent", TrainingSignal.Label.SPAM, List.of("b"));
        pool.preparedQuery("UPDATE bayes.learned SET learned_at = now() - interval '181 days' WHERE tenant_id = $1 AND message_id = 'old'")
                .execute(Tuple.of(tenant)).await().atMost(Duration.ofSeconds(10));

        expiry.expire(Instant.now()).await().atMost(Duration.ofSeconds(30));

        assertEquals(TenantBayesStore.Outcome.LEARNED, store.learn(tenant, "old", TrainingSignal.Label.SPAM, List.of("a"))
                .await().atMost(Duration.ofSeconds(10)), "forgotten, so learned as new");
        assertEquals(TenantBayesStore.Outcome.ALREADY_KNOWN, store.learn(tenant, "recent", TrainingSignal.Label.SPAM, List.of("b"))
                .await().atMost(Duration.ofSeconds(10)), "still remembered");
    }

    @Test
    void aModelPastItsCapKeepsItsMostRecentlyLearnedTokens() {
        String tenant = "tenant-" + UUID.randomUUID();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add("t" + i);
        }
        learn(tenant, "m1", TrainingSignal.Label.SPAM, all);
        Instant now = Instant.now();
        for (int i = 0; i < 10; i++) {
            // t0 learned longest ago, t9 most recently
            age(tenant, List.of("t" + i), now.minus(Duration.ofMinutes(100 - i)));
        }

        // batches of 2: the 4 tokens beyond the cap take several rounds
        long deleted = store.expire(tenant, now.minus(DAY.multipliedBy(180)), 6, 2).await().atMost(Duration.ofSeconds(30));
        assertEquals(4, deleted);
        assertEquals(List.of("t4", "t5", "t6", "t7", "t8", "t9"), tokens(tenant, "true"));
        assertEquals(0, store.expire(tenant, now.minus(DAY.multipliedBy(180)), 6, 2).await().atMost(Duration.ofSeconds(30)),
                "a second run (another replica) deletes nothing more");
        assertEquals(List.of(1L, 0L), totals(tenant), "message totals are not reduced");
    }

    private void learn(String tenant, String messageId, TrainingSignal.Label label, List<String> tokens) {
        assertEquals(TenantBayesStore.Outcome.LEARNED, store.learn(tenant, messageId, label, tokens).await().atMost(Duration.ofSeconds(10)));
    }

    private void age(String tenant, List<String> tokens, Instant lastLearned) {
        pool.preparedQuery("UPDATE bayes.tokens SET last_learned = $3 WHERE tenant_id = $1 AND token = ANY($2)")
                .execute(Tuple.of(tenant, tokens.toArray(String[]::new), lastLearned.atOffset(java.time.ZoneOffset.UTC)))
                .await().atMost(Duration.ofSeconds(10));
    }

    private List<String> tokens(String tenant, String condition) {
        return pool.preparedQuery("SELECT token FROM bayes.tokens WHERE tenant_id = $1 AND " + condition + " ORDER BY token")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    List<String> tokens = new ArrayList<>();
                    rows.forEach(row -> tokens.add(row.getString(0)));
                    return tokens;
                }).await().atMost(Duration.ofSeconds(10));
    }

    private List<Long> totals(String tenant) {
        return pool.preparedQuery("SELECT spam_messages, ham_messages FROM bayes.totals WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return List.of(row.getLong(0), row.getLong(1));
                }).await().atMost(Duration.ofSeconds(10));
    }
}
