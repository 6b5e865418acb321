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

    /**
     * Stores a report and its rows in one transaction; true if new, false if it was already stored (then only the receiving
     * tenants are merged in).
     *
     * @param tenantIds the tenants of the local recipients the report was mailed to
     */
    public Uni<Boolean> store(ReceivedReport report, String messageId, Instant receivedAt, List<String> tenantIds) {
        ReceivedReport.PolicyPublished policy = report.policy();
        return pool.withTransaction(connection -> connection.preparedQuery(
                        "INSERT INTO dmarc.received_reports (org_name, report_id, policy_domain, email, begin_at, end_at, adkim, aspf, "
                                + "p, sp, pct, message_id, received_at, tenant_ids) "
                                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
                                + "ON CONFLICT (org_name, report_id, policy_domain) DO UPDATE SET tenant_ids = ARRAY("
                                + "SELECT DISTINCT t FROM unnest(dmarc.received_reports.tenant_ids || EXCLUDED.tenant_ids) t ORDER BY t) "
                                // xmax is 0 only on a freshly inserted row version
                                + "RETURNING id, (xmax = 0) AS inserted")
                .execute(Tuple.from(Arrays.asList(report.orgName(), report.reportId(), policy.domain(), report.email(),
                        report.begin().atOffset(ZoneOffset.UTC), report.end().atOffset(ZoneOffset.UTC), policy.adkim(), policy.aspf(),
                        policy.p(), policy.sp(), policy.pct(), messageId, receivedAt.atOffset(ZoneOffset.UTC),
                        tenantIds.toArray(new String[0]))))
                .flatMap(upserted -> {
                    Row stored = upserted.iterator().next();
                    if (!stored.getBoolean("inserted")) {
                        return Uni.createFrom().item(false);
                    }
                    long id = stored.getLong("id");
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
     * Deletes the reports whose period ended before {@code periodEndedBefore} with their records, {@code batch} rows per
     * statement: records first (a report may hold 100000), then the reports left without any, so no statement cascades
     * into more than a batch. A report whose records are still being written is left for the next run. The number of
     * reports deleted.
     */
    public Uni<Long> purge(Instant periodEndedBefore, int batch) {
        Tuple parameters = Tuple.of(periodEndedBefore.atOffset(ZoneOffset.UTC), batch);
        return Batches.repeat(batch, () -> pool.preparedQuery("DELETE FROM dmarc.received_records WHERE ctid = ANY(ARRAY("
                                + "SELECT c.ctid FROM dmarc.received_reports r JOIN dmarc.received_records c ON c.report_id = r.id "
                                + "WHERE r.end_at < $1 LIMIT $2))")
                        .execute(parameters))
                .flatMap(records -> Batches.repeat(batch, () -> pool.preparedQuery("DELETE FROM dmarc.received_reports WHERE id = ANY(ARRAY("
                                + "SELECT r.id FROM dmarc.received_reports r WHERE r.end_at < $1 "
                                + "AND NOT EXISTS (SELECT 1 FROM dmarc.received_records c WHERE c.report_id = r.id) LIMIT $2))")
                        .execute(parameters)));
    }

    /**
     * A policy domain's reports whose period ends at or after {@code since}, oldest first, at most {@code limit}, each with
     * its rows: the JSON the internal API returns.
     *
     * @param tenantId null for all; else only the reports mailed to that tenant's recipients
     */
    public Uni<JsonArray> reports(String policyDomain, Instant since, int limit, String tenantId) {
        return pool.preparedQuery("SELECT r.org_name, r.email, r.report_id, r.policy_domain, r.begin_at, r.end_at, r.adkim, r.aspf, "
                        + "r.p, r.sp, r.pct, r.message_id, r.received_at, r.tenant_ids, "
                        + "(SELECT coalesce(jsonb_agg(jsonb_build_object('sourceIp', c.source_ip, 'count', c.message_count, "
                        + "'disposition', c.disposition, 'dkim', c.dkim, 'spf', c.spf, 'headerFrom', c.header_from, "
                        + "'envelopeFrom', c.envelope_from, 'envelopeTo', c.envelope_to, 'authResults', c.auth_results) "
                        + "ORDER BY c.position), '[]'::jsonb) FROM dmarc.received_records c WHERE c.report_id = r.id) AS records "
                        + "FROM dmarc.received_reports r WHERE r.policy_domain = $1 AND r.end_at >= $2 "
                        + "AND ($4::text IS NULL OR $4::text = ANY (r.tenant_ids)) ORDER BY r.begin_at, r.id LIMIT $3")
                .execute(Tuple.from(Arrays.asList(policyDomain, since.atOffset(ZoneOffset.UTC), limit, tenantId)))
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
                                .put("tenantIds", new JsonArray(Arrays.asList(row.getArrayOfStrings("tenant_ids"))))
                                .put("records", row.getJsonArray("records")));
                    }
                    return reports;
                });
    }
}
