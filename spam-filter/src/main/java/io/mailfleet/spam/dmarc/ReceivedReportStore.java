package io.mailfleet.spam.dmarc;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Schema {@code dmarc}: the aggregate reports we received, idempotent by (reporter org, report id, policy domain). */
@ApplicationScoped
public class ReceivedReportStore {

    private final Pool pool;

    public ReceivedReportStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores a report and its rows in one transaction; true if new, false if it was already stored. */
    public Uni<Boolean> store(ReceivedReport report, String messageId, Instant receivedAt) {
        ReceivedReport.PolicyPublished policy = report.policy();
        return pool.withTransaction(connection -> connection.preparedQuery(
                        "INSERT INTO dmarc.received_reports (org_name, report_id, policy_domain, email, begin_at, end_at, adkim, aspf, "
                                + "p, sp, pct, message_id, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
                                + "ON CONFLICT (org_name, report_id, policy_domain) DO NOTHING RETURNING id")
                .execute(Tuple.from(Arrays.asList(report.orgName(), report.reportId(), policy.domain(), report.email(),
                        report.begin().atOffset(ZoneOffset.UTC), report.end().atOffset(ZoneOffset.UTC), policy.adkim(), policy.aspf(),
                        policy.p(), policy.sp(), policy.pct(), messageId, receivedAt.atOffset(ZoneOffset.UTC))))
                .flatMap(inserted -> {
                    if (inserted.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    long id = inserted.iterator().next().getLong("id");
                    if (report.rows().isEmpty()) {
                        return Uni.createFrom().item(true);
                    }
                    List<Tuple> rows = new ArrayList<>(report.rows().size());
                    for (int i = 0; i < report.rows().size(); i++) {
                        ReceivedReport.Row row = report.rows().get(i);
                        JsonArray results = new JsonArray();
                        row.authResults().forEach(result -> results.add(JsonObject.mapFrom(result)));
                        rows.add(Tuple.from(Arrays.asList(id, i, row.sourceIp(), row.count(), row.disposition(), row.dkim(), row.spf(),
                                row.headerFrom(), row.envelopeFrom(), row.envelopeTo(), results)));
                    }
                    return connection.preparedQuery("INSERT INTO dmarc.received_records (report_id, position, source_ip, message_count, "
                                    + "disposition, dkim, spf, header_from, envelope_from, envelope_to, auth_results) "
                                    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                            .executeBatch(rows).replaceWith(true);
                }));
    }

    /**
     * A policy domain's reports whose period ends at or after {@code since}, oldest first, at most {@code limit}, each with
     * its rows: the JSON the internal API returns.
     */
    public Uni<JsonArray> reports(String policyDomain, Instant since, int limit) {
        return pool.preparedQuery("SELECT r.org_name, r.email, r.report_id, r.policy_domain, r.begin_at, r.end_at, r.adkim, r.aspf, "
                        + "r.p, r.sp, r.pct, r.message_id, r.received_at, "
                        + "(SELECT coalesce(jsonb_agg(jsonb_build_object('sourceIp', c.source_ip, 'count', c.message_count, "
                        + "'disposition', c.disposition, 'dkim', c.dkim, 'spf', c.spf, 'headerFrom', c.header_from, "
                        + "'envelopeFrom', c.envelope_from, 'envelopeTo', c.envelope_to, 'authResults', c.auth_results) "
                        + "ORDER BY c.position), '[]'::jsonb) FROM dmarc.received_records c WHERE c.report_id = r.id) AS records "
                        + "FROM dmarc.received_reports r WHERE r.policy_domain = $1 AND r.end_at >= $2 ORDER BY r.begin_at, r.id LIMIT $3")
                .execute(Tuple.of(policyDomain, since.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    JsonArray reports = new JsonArray();
                    for (Row row : rows) {
                        reports.add(new JsonObject()
                                .put("orgName", row.getString("org_name"))
                                .put("email", row.getString("email"))
                                .put("reportId", row.getString("report_id"))
                                .put("begin", row.getOffsetDateTime("begin_at").toInstant().toString())
                                .put("end", row.getOffsetDateTime("end_at").toInstant().toString())
                                .put("policyPublished", new JsonObject()
                                        .put("domain", row.getString("policy_domain"))
                                        .put("adkim", row.getString("adkim"))
                                        .put("aspf", row.getString("aspf"))
                                        .put("p", row.getString("p"))
                                        .put("sp", row.getString("sp"))
                                        .put("pct", row.getInteger("pct")))
                                .put("messageId", row.getString("message_id"))
                                .put("receivedAt", row.getOffsetDateTime("received_at").toInstant().toString())
                                .put("records", row.getJsonArray("records")));
                    }
                    return reports;
                });
    }
}
