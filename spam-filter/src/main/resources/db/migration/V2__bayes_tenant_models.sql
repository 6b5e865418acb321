-- Per-tenant Bayes models learned from users' Junk moves (spam.training); shared by every replica.
-- (Flyway creates listed schemas only on a fresh history; a database migrated by V1 alone needs this)
CREATE SCHEMA IF NOT EXISTS bayes;

CREATE TABLE bayes.totals (
    tenant_id     text   PRIMARY KEY,
    spam_messages bigint NOT NULL DEFAULT 0,
    ham_messages  bigint NOT NULL DEFAULT 0
);

-- in how many of the tenant's learned spam / ham messages each token was
CREATE TABLE bayes.tokens (
    tenant_id text   NOT NULL,
    token     text   NOT NULL,
    spam      bigint NOT NULL DEFAULT 0,
    ham       bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, token)
);

-- what each message was learned as: a repeated signal is ignored, a changed mind moves the counts
CREATE TABLE bayes.learned (
    tenant_id  text        NOT NULL,
    message_id text        NOT NULL,
    label      text        NOT NULL CHECK (label IN ('SPAM', 'HAM')),
    learned_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
);
