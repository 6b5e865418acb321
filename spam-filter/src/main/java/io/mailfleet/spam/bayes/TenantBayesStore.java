package io.mailfleet.spam.bayes;

import io.mailfleet.events.TrainingSignal;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Schema {@code bayes}: each tenant's model in PostgreSQL, so every replica classifies with what any replica learned. A
 * message is learned once per tenant (by message id); the same message learned again with the other label moves its counts
 * from one side to the other, as sa-learn does when a user changes their mind.
 */
@ApplicationScoped
public class TenantBayesStore {

    /** What a training signal did to the model. */
    public enum Outcome { LEARNED, RELEARNED, ALREADY_KNOWN }

    private final Pool pool;

    public TenantBayesStore(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's totals and the counts of the given tokens (the only ones the classifier will ask about). */
    public Uni<TokenStatistics> statistics(String tenantId, Collection<String> tokens) {
        Uni<long[]> totals = pool.preparedQuery("SELECT spam_messages, ham_messages FROM bayes.totals WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> {
                    for (Row row : rows) {
                        return new long[] {row.getLong(0), row.getLong(1)};
                    }
                    return new long[2];
                });
        Uni<Map<String, TokenStatistics.Counts>> counts = pool
                .preparedQuery("SELECT token, spam, ham FROM bayes.tokens WHERE tenant_id = $1 AND token = ANY($2)")
                .execute(Tuple.of(tenantId, tokens.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, TokenStatistics.Counts> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString(0), new TokenStatistics.Counts(row.getLong(1), row.getLong(2))));
                    return found;
                });
        return Uni.combine().all().unis(totals, counts).asTuple().map(both -> new Snapshot(both.getItem1()[0], both.getItem1()[1], both.getItem2()));
    }

    /** Learns one message's tokens for a tenant in one transaction. */
    public Uni<Outcome> learn(String tenantId, String messageId, TrainingSignal.Label label, Collection<String> tokens) {
        // sorted: concurrent learners lock token rows in the same order and cannot deadlock
        String[] sorted = tokens.stream().sorted().toArray(String[]::new);
        return pool.withTransaction(connection -> connection
                .preparedQuery("INSERT INTO bayes.learned (tenant_id, message_id, label, learned_at) VALUES ($1, $2, $3, now()) "
                        + "ON CONFLICT (tenant_id, message_id) DO NOTHING RETURNING label")
                .execute(Tuple.of(tenantId, messageId, label.name()))
                .flatMap(inserted -> inserted.rowCount() == 1
                        ? count(connection, tenantId, sorted, label == TrainingSignal.Label.SPAM ? 1 : 0, label == TrainingSignal.Label.HAM ? 1 : 0)
                                .replaceWith(Outcome.LEARNED)
                        : relearn(connection, tenantId, messageId, label, sorted)));
    }

    private Uni<Outcome> relearn(SqlConnection connection, String tenantId, String messageId, TrainingSignal.Label label, String[] tokens) {
        return connection.preparedQuery("SELECT label FROM bayes.learned WHERE tenant_id = $1 AND message_id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, messageId))
                .flatMap(rows -> {
                    if (label.name().equals(rows.iterator().next().getString(0))) {
                        return Uni.createFrom().item(Outcome.ALREADY_KNOWN);
                    }
                    int spam = label == TrainingSignal.Label.SPAM ? 1 : -1;
                    return connection.preparedQuery("UPDATE bayes.learned SET label = $3, learned_at = now() WHERE tenant_id = $1 AND message_id = $2")
                            .execute(Tuple.of(tenantId, messageId, label.name()))
                            .flatMap(updated -> count(connection, tenantId, tokens, spam, -spam))
                            .replaceWith(Outcome.RELEARNED);
                });
    }

    private static Uni<Void> count(SqlConnection connection, String tenantId, String[] tokens, int spam, int ham) {
        return connection.preparedQuery("INSERT INTO bayes.tokens (tenant_id, token, spam, ham) "
                        + "SELECT $1, token, GREATEST($3, 0), GREATEST($4, 0) FROM unnest($2::text[]) AS token "
                        + "ON CONFLICT (tenant_id, token) DO UPDATE SET spam = GREATEST(0, bayes.tokens.spam + $3), "
                        + "ham = GREATEST(0, bayes.tokens.ham + $4), last_learned = now()")
                .execute(Tuple.of(tenantId, tokens, spam, ham))
                .flatMap(done -> connection.preparedQuery("INSERT INTO bayes.totals (tenant_id, spam_messages, ham_messages) "
                                + "VALUES ($1, GREATEST($2, 0), GREATEST($3, 0)) ON CONFLICT (tenant_id) DO UPDATE SET "
                                + "spam_messages = GREATEST(0, bayes.totals.spam_messages + $2), "
                                + "ham_messages = GREATEST(0, bayes.totals.ham_messages + $3)")
                        .execute(Tuple.of(tenantId, spam, ham)))
                .replaceWithVoid();
    }

    /** The tenants that have a model. */
    public Uni<List<String>> tenants() {
        return pool.query("SELECT tenant_id FROM bayes.totals ORDER BY tenant_id").execute()
                .map(rows -> {
                    List<String> tenants = new ArrayList<>();
                    rows.forEach(row -> tenants.add(row.getString(0)));
                    return tenants;
                });
    }

    /**
     * Ages a tenant's model: deletes the tokens last learned before {@code learnedBefore}, then, beyond the {@code maxTokens}
     * most recently learned, the rest; {@code batch} rows per statement, so a large model is many short transactions. The
     * message totals stay (as in SpamAssassin): they count what was learned, and the tokens that remain keep their counts.
     * Both steps cut at a row every replica computes alike, so replicas running this at once delete no more than one would.
     * What the tenant taught before {@code learnedBefore} is forgotten too ({@code bayes.learned}): its tokens have aged out,
     * so a message taught again after that is learned as new.
     *
     * @return the number of tokens deleted
     */
    public Uni<Long> expire(String tenantId, Instant learnedBefore, int maxTokens, int batch) {
        return forgetLearned(tenantId, learnedBefore, batch).flatMap(forgotten -> expireTokens(tenantId, learnedBefore, maxTokens, batch));
    }

    private Uni<Long> forgetLearned(String tenantId, Instant learnedBefore, int batch) {
        return repeat(batch, () -> pool.preparedQuery("DELETE FROM bayes.learned WHERE ctid = ANY(ARRAY(SELECT ctid FROM bayes.learned "
                        + "WHERE tenant_id = $1 AND learned_at < $2 LIMIT $3))")
                .execute(Tuple.of(tenantId, learnedBefore.atOffset(ZoneOffset.UTC), batch)));
    }

    private Uni<Long> expireTokens(String tenantId, Instant learnedBefore, int maxTokens, int batch) {
        return repeat(batch, () -> pool.preparedQuery("DELETE FROM bayes.tokens WHERE ctid = ANY(ARRAY(SELECT ctid FROM bayes.tokens "
                                + "WHERE tenant_id = $1 AND last_learned < $2 LIMIT $3))")
                        .execute(Tuple.of(tenantId, learnedBefore.atOffset(ZoneOffset.UTC), batch)))
                .flatMap(aged -> pool.preparedQuery("SELECT last_learned, token FROM bayes.tokens WHERE tenant_id = $1 "
                                + "ORDER BY last_learned DESC, token DESC OFFSET $2 LIMIT 1")
                        .execute(Tuple.of(tenantId, maxTokens))
                        .flatMap(newestBeyondCap -> {
                            if (newestBeyondCap.rowCount() == 0) {
                                return Uni.createFrom().item(aged);
                            }
                            Row cut = newestBeyondCap.iterator().next();
                            Tuple parameters = Tuple.of(tenantId, cut.getOffsetDateTime(0), cut.getString(1), batch);
                            return repeat(batch, () -> pool.preparedQuery("DELETE FROM bayes.tokens WHERE ctid = ANY(ARRAY("
                                            + "SELECT ctid FROM bayes.tokens WHERE tenant_id = $1 AND (last_learned, token) <= ($2, $3) "
                                            + "LIMIT $4))")
                                    .execute(parameters))
                                    .map(capped -> aged + capped);
                        }));
    }

    /** Runs a DELETE of at most {@code batch} rows until it deletes fewer; the total. */
    private static Uni<Long> repeat(int batch, Supplier<Uni<RowSet<Row>>> delete) {
        return Multi.createBy().repeating().uni(() -> delete.get().map(RowSet::rowCount))
                .whilst(deleted -> deleted >= batch)
                .collect().with(Collectors.summingLong(Integer::longValue));
    }

    /** One tenant's counts for the tokens of one message. */
    private record Snapshot(long spamMessages, long hamMessages, Map<String, Counts> tokens) implements TokenStatistics {

        @Override
        public Counts counts(String token) {
            return tokens.getOrDefault(token, Counts.NONE);
        }
    }
}
