-- DKIM signing keys per domain; the private key is AES-256-GCM encrypted with the installation's master key
CREATE TABLE directory.dkim_keys (
    id              uuid PRIMARY KEY,
    domain          text NOT NULL REFERENCES directory.domains (name) ON DELETE CASCADE,
    selector        text NOT NULL,
    algorithm       text NOT NULL CHECK (algorithm IN ('RSA_2048', 'ED25519')),
    public_key      text NOT NULL,
    private_key     bytea NOT NULL,
    status          text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'RETIRED')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (domain, selector)
);
