-- When each token of a tenant model was last learned, for ageing (SpamAssassin's bayes_expiry): tokens nobody taught for
-- mailfleet.spam.bayes.token-max-age go, and a tenant keeps at most max-tokens-per-tenant, the most recently learned.
-- Set on learning only, never on scoring: the scoring path stays read-only.
-- Existing rows count as learned now (now() is evaluated once, so this needs no table rewrite): their real age is unknown,
-- and a full max age gives them time to be learned again before they expire.
ALTER TABLE bayes.tokens ADD COLUMN last_learned timestamptz NOT NULL DEFAULT now();

-- the ageing job's scans: one tenant's tokens, oldest first (token breaks ties, so replicas agree on the cut)
CREATE INDEX tokens_tenant_last_learned ON bayes.tokens (tenant_id, last_learned, token);
