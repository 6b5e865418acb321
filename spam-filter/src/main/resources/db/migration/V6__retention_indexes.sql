-- The retention purges (DmarcRetentionJob) and the daily aggregate-report job select by time across all domains; the
-- existing indexes lead with the domain, so without these every purge batch would scan the whole table.
CREATE INDEX evaluations_time ON dmarc.evaluations (evaluated_at);
CREATE INDEX received_reports_end ON dmarc.received_reports (end_at);
-- TenantBayesExpiry forgets what a tenant taught long ago
CREATE INDEX learned_tenant_time ON bayes.learned (tenant_id, learned_at);
