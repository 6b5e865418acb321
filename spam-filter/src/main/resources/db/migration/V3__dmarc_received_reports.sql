-- Aggregate reports other receivers sent to our hosted domains (RFC 7489 §7.2), read over GET /internal/v1/dmarc/reports.
CREATE TABLE dmarc.received_reports (
    id            bigserial   PRIMARY KEY,
    org_name      text        NOT NULL,
    report_id     text        NOT NULL,
    policy_domain text        NOT NULL,
    email         text,
    begin_at      timestamptz NOT NULL,
    end_at        timestamptz NOT NULL,
    adkim         text,
    aspf          text,
    p             text,
    sp            text,
    pct           integer     NOT NULL,
    message_id    text        NOT NULL,
    received_at   timestamptz NOT NULL,
    -- the same report arriving twice (redelivery, a reporter resending) is stored once
    UNIQUE (org_name, report_id, policy_domain)
);

CREATE INDEX received_reports_domain_end ON dmarc.received_reports (policy_domain, end_at);

CREATE TABLE dmarc.received_records (
    report_id     bigint  NOT NULL REFERENCES dmarc.received_reports (id) ON DELETE CASCADE,
    position      integer NOT NULL,
    source_ip     text    NOT NULL,
    message_count bigint  NOT NULL,
    disposition   text,
    dkim          text,
    spf           text,
    header_from   text,
    envelope_from text,
    envelope_to   text,
    auth_results  jsonb   NOT NULL,
    PRIMARY KEY (report_id, position)
);
