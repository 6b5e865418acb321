-- One row per DMARC evaluation that found a policy (dmarc.results); the aggregate report job reads a day per domain.
CREATE TABLE dmarc.evaluations (
    message_id    text        NOT NULL,
    policy_domain text        NOT NULL,
    evaluated_at  timestamptz NOT NULL,
    event         jsonb       NOT NULL,
    -- a redelivered record must not count twice in a report
    PRIMARY KEY (message_id, policy_domain)
);

CREATE INDEX evaluations_domain_time ON dmarc.evaluations (policy_domain, evaluated_at);
