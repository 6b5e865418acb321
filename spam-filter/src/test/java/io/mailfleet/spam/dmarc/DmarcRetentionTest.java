package io.mailfleet.spam.dmarc;

import io.mailfleet.spam.dns.TestDnsResource;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention of schema {@code dmarc} on the real PostgreSQL: evaluations past {@code evaluation-retention} (14 days) and
 * received reports whose period ended more than {@code retention} (180 days) ago go, with their records; recent rows stay.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TestDnsResource.class)
class DmarcRetentionTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    DmarcEvaluationStore evaluations;

    @Inject
    ReceivedReportStore receivedReports;

    @Inject
    DmarcRetentionJob job;

    @Inject
    Pool pool;

    @Test
    void expiredEvaluationsAndReportsGoRecentOnesStay() {
        Instant now = Instant.now();
        String domain = "retention-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        String expired = evaluated(domain, now.minus(DAY.multipliedBy(15)));
        String kept = evaluated(domain, now.minus(DAY.multipliedBy(13)));
        long oldReport = received(domain, "old", now.minus(DAY.multipliedBy(181)), 3);
        long recentReport = received(domain, "recent", now.minus(DAY.multipliedBy(179)), 3);

        job.purge(now).await().atMost(Duration.ofSeconds(30));

        assertEquals(0, count("SELECT count(*) FROM dmarc.evaluations WHERE message_id = $1", expired));
        assertEquals(1, count("SELECT count(*) FROM dmarc.evaluations WHERE message_id = $1", kept));
        assertEquals(0, count("SELECT count(*) FROM dmarc.received_reports WHERE id = $1", oldReport));
        assertEquals(0, count("SELECT count(*) FROM dmarc.received_records WHERE report_id = $1", oldReport));
        assertEquals(1, count("SELECT count(*) FROM dmarc.received_reports WHERE id = $1", recentReport));
        assertEquals(3, count("SELECT count(*) FROM dmarc.received_records WHERE report_id = $1", recentReport));
    }

    @Test
    void aBacklogIsDeletedInBatchesUntilNothingIsLeft() {
        Instant now = Instant.now();
        String domain = "backlog-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            old.add(evaluated(domain, now.minus(DAY.multipliedBy(100 + i))));
        }
        String kept = evaluated(domain, now.minus(DAY));
        List<Long> oldReports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            oldReports.add(received(domain, "old-" + i, now.minus(DAY.multipliedBy(400 + i)), 5));
        }

        // batches of 2 rows: 7 evaluations and 15 records take several rounds each
        assertTrue(evaluations.purge(now.minus(DAY.multipliedBy(30)), 2).await().atMost(Duration.ofSeconds(30)) >= old.size());
        assertTrue(receivedReports.purge(now.minus(DAY.multipliedBy(300)), 2).await().atMost(Duration.ofSeconds(30)) >= oldReports.size());

        for (String id : old) {
            assertEquals(0, count("SELECT count(*) FROM dmarc.evaluations WHERE message_id = $1", id));
        }
        assertEquals(1, count("SELECT count(*) FROM dmarc.evaluations WHERE message_id = $1", kept));
        for (long id : oldReports) {
            assertEquals(0, count("SELECT count(*) FROM dmarc.received_reports WHERE id = $1", id));
            assertEquals(0, count("SELECT count(*) FROM dmarc.received_records WHERE report_id = $1", id));
        }
    }

    @Test
    void evaluationsMustOutliveTheReportingPeriod() {
        assertThrows(IllegalArgumentException.class, () -> DmarcRetentionJob.checkEvaluationRetention(Duration.ofHours(47)));
        DmarcRetentionJob.checkEvaluationRetention(Duration.ofDays(2));
        DmarcRetentionJob.checkEvaluationRetention(Duration.ofDays(14));
    }

    private String evaluated(String domain, Instant at) {
        String id = UUID.randomUUID().toString();
        DmarcEvaluationEvent event = new DmarcEvaluationEvent(DmarcEvaluationEvent.CURRENT_VERSION, id, at, "192.0.2.1", domain, domain,
                "none", null, 100, false, false, List.of(), List.of(), "pass", "none", true, false, "a@" + domain, domain, "pass", List.of());
        try {
            evaluations.store(DmarcEvaluationStore.JSON.writeValueAsString(event)).await().atMost(Duration.ofSeconds(10));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** Stores a report whose period ends at {@code end}; its database id. */
    private long received(String domain, String reportId, Instant end, int rows) {
        List<ReceivedReport.Row> records = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            records.add(new ReceivedReport.Row("192.0.2." + (i + 1), 1, "none", "pass", "pass", domain, null, null,
                    List.of(new ReceivedReport.AuthResult("spf", domain, null, "mfrom", "pass"))));
        }
        ReceivedReport report = new ReceivedReport("Reporter", "noreply@reporter.test", reportId, end.minus(DAY), end,
                new ReceivedReport.PolicyPublished(domain, "r", "r", "none", null, 100), records);
        assertTrue(receivedReports.store(report, "m-" + UUID.randomUUID(), end, List.of("t1")).await().atMost(Duration.ofSeconds(10)));
        return count("SELECT id FROM dmarc.received_reports WHERE policy_domain = $1 AND report_id = '" + reportId + "'", domain);
    }

    private long count(String sql, Object parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
    }
}
