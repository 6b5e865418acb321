package io.mailfleet.spam.dmarc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Schema {@code dmarc}: the recorded evaluations, idempotent by (message id, policy domain). */
@ApplicationScoped
public class DmarcEvaluationStore {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Pool pool;

    public DmarcEvaluationStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the JSON of one evaluation; a redelivered one is ignored. */
    public Uni<Void> store(String json) {
        DmarcEvaluationEvent event;
        try {
            event = JSON.readValue(json, DmarcEvaluationEvent.class);
        } catch (IOException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a DMARC evaluation record: " + e.getMessage(), e));
        }
        if (event.messageId() == null || event.policyDomain() == null || event.evaluatedAt() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("DMARC evaluation record without message id, domain or time"));
        }
        return pool.preparedQuery("INSERT INTO dmarc.evaluations (message_id, policy_domain, evaluated_at, event) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(event.messageId(), event.policyDomain().toLowerCase(java.util.Locale.ROOT),
                        event.evaluatedAt().atOffset(ZoneOffset.UTC), new JsonObject(json)))
                .replaceWithVoid();
    }

    /** A domain's evaluations in [begin, end), oldest first. */
    public Uni<List<DmarcEvaluationEvent>> evaluations(String policyDomain, Instant begin, Instant end) {
        return pool.preparedQuery("SELECT event FROM dmarc.evaluations WHERE policy_domain = $1 AND evaluated_at >= $2 "
                        + "AND evaluated_at < $3 ORDER BY evaluated_at")
                .execute(Tuple.of(policyDomain.toLowerCase(java.util.Locale.ROOT), begin.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<DmarcEvaluationEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        try {
                            events.add(JSON.readValue(row.getJsonObject("event").encode(), DmarcEvaluationEvent.class));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return events;
                });
    }

    /**
     * Deletes the evaluations made before {@code before}, {@code batch} rows per statement, so that a large backlog is
     * many short transactions rather than one long one; the number deleted.
     */
    public Uni<Long> purge(Instant before, int batch) {
        return Batches.repeat(batch, () -> pool.preparedQuery("DELETE FROM dmarc.evaluations WHERE ctid = ANY(ARRAY("
                        + "SELECT ctid FROM dmarc.evaluations WHERE evaluated_at < $1 LIMIT $2))")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), batch)));
    }

    /** The policy domains with evaluations in [begin, end): who gets a report for that period. */
    public Uni<List<String>> domains(Instant begin, Instant end) {
        return pool.preparedQuery("SELECT DISTINCT policy_domain FROM dmarc.evaluations WHERE evaluated_at >= $1 AND evaluated_at < $2 ORDER BY 1")
                .execute(Tuple.of(begin.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<String> domains = new ArrayList<>();
                    rows.forEach(row -> domains.add(row.getString(0)));
                    return domains;
                });
    }
}
