-- The tenants whose recipients received a report: the API can answer one tenant without showing it reports mailed to another.
-- A report resent to another tenant's address is still stored once; its tenants are merged.
ALTER TABLE dmarc.received_reports ADD COLUMN tenant_ids text[] NOT NULL DEFAULT '{}';
