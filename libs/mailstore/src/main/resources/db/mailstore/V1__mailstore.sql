-- The mailstore: accounts -> mailboxes -> messages -> content-addressed blobs.
-- Flyway creates the schema (quarkus.flyway.schemas=mailstore); every name below is qualified anyway.

-- One row per mail account that has ever had mail. Independent of auth-service's directory schema:
-- created on first delivery or by MailAccounts.ensureAccount. Usage is counted in the same
-- transaction as every append/expunge, so it is exact.
CREATE TABLE mailstore.accounts (
    account_id     text PRIMARY KEY,
    quota_bytes    bigint,            -- null: unlimited
    quota_messages bigint,            -- null: unlimited
    used_bytes     bigint NOT NULL DEFAULT 0 CHECK (used_bytes >= 0),
    used_messages  bigint NOT NULL DEFAULT 0 CHECK (used_messages >= 0),
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Names are full hierarchical names with '/' as the delimiter ("Archive/2026"); INBOX is always "INBOX".
-- uid_next and highest_modseq are the per-mailbox counters: they are only ever incremented, under the
-- row lock of an UPDATE ... RETURNING in the writing transaction, so UIDs are allocated in commit
-- order and never reused.
-- UIDVALIDITY values: unique and increasing, starting from the epoch second the schema was made, so a
-- mailbox deleted and re-created (or a database rebuilt from scratch) never repeats an old value.
CREATE SEQUENCE mailstore.uid_validity MAXVALUE 4294967295;
SELECT setval('mailstore.uid_validity', extract(epoch FROM now())::bigint);

CREATE TABLE mailstore.mailboxes (
    id             bigserial PRIMARY KEY,
    account_id     text NOT NULL REFERENCES mailstore.accounts (account_id) ON DELETE CASCADE,
    name           text NOT NULL,
    special_use    text,
    uid_validity   bigint NOT NULL DEFAULT nextval('mailstore.uid_validity'),
    uid_next       bigint NOT NULL DEFAULT 1 CHECK (uid_next >= 1),
    highest_modseq bigint NOT NULL DEFAULT 1 CHECK (highest_modseq >= 1),
    subscribed     boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, name)
);
CREATE UNIQUE INDEX mailboxes_special_use ON mailstore.mailboxes (account_id, special_use) WHERE special_use IS NOT NULL;

-- Message bytes by SHA-256 (the PostgreSQL BlobStore). A message sent to 50 local recipients is one row.
CREATE TABLE mailstore.blobs (
    sha256     bytea PRIMARY KEY CHECK (length(sha256) = 32),
    size       bigint NOT NULL,
    content    bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE mailstore.blobs ALTER COLUMN content SET STORAGE EXTERNAL; -- mail is mostly compressed already

-- What parsing a blob once yields: the IMAP ENVELOPE and BODYSTRUCTURE (JSON) and the decoded text
-- for SEARCH. Keyed by the blob, so 50 copies share one parse.
CREATE TABLE mailstore.contents (
    sha256         bytea PRIMARY KEY,
    envelope       jsonb NOT NULL,
    body_structure jsonb NOT NULL,
    search_text    tsvector NOT NULL
);
CREATE INDEX contents_search ON mailstore.contents USING gin (search_text);

-- One entry per message per mailbox. The bytes a client sees are header_prefix || blob: the prefix
-- holds the per-recipient header lines (Delivered-To:) so the blob itself stays shared and byte-exact.
CREATE TABLE mailstore.messages (
    mailbox_id    bigint NOT NULL REFERENCES mailstore.mailboxes (id) ON DELETE CASCADE,
    uid           bigint NOT NULL,
    modseq        bigint NOT NULL,
    sha256        bytea NOT NULL REFERENCES mailstore.contents (sha256),
    header_prefix bytea NOT NULL DEFAULT ''::bytea,
    size          bigint NOT NULL,
    system_flags  smallint NOT NULL DEFAULT 0,
    keywords      text[] NOT NULL DEFAULT '{}',
    internal_date timestamptz NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX messages_modseq ON mailstore.messages (mailbox_id, modseq);
CREATE INDEX messages_sha256 ON mailstore.messages (sha256);

-- Expunged UIDs with the modseq of their expunge, for CONDSTORE/QRESYNC (VANISHED (EARLIER)).
CREATE TABLE mailstore.expunged (
    mailbox_id bigint NOT NULL REFERENCES mailstore.mailboxes (id) ON DELETE CASCADE,
    uid        bigint NOT NULL,
    modseq     bigint NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
);

-- The idempotency key of local delivery: one row per (message id, account). It outlives an
-- expunge on purpose: a record redelivered after the user deleted the message must not bring it back.
CREATE TABLE mailstore.deliveries (
    message_id   text NOT NULL,
    account_id   text NOT NULL REFERENCES mailstore.accounts (account_id) ON DELETE CASCADE,
    mailbox_id   bigint NOT NULL,
    uid          bigint NOT NULL,
    delivered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, account_id)
);
