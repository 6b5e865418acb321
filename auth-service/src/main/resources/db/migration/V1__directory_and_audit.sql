-- The directory: who the tenants are, which domains they host, and which addresses lead where.
-- Flyway creates the schemas directory and audit (quarkus.flyway.schemas).

CREATE TABLE directory.tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    status      text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- domain names are stored lower-case (A-labels for IDNs): the primary key is the lookup key of every recipient check
CREATE TABLE directory.domains (
    name        text PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES directory.tenants (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domains_tenant ON directory.domains (tenant_id);

CREATE TABLE directory.accounts (
    id                uuid PRIMARY KEY,
    tenant_id         uuid NOT NULL REFERENCES directory.tenants (id) ON DELETE CASCADE,
    address           text NOT NULL UNIQUE,
    domain            text NOT NULL REFERENCES directory.domains (name) ON DELETE CASCADE,
    role              text NOT NULL DEFAULT 'USER' CHECK (role IN ('USER', 'TENANT_ADMIN')),
    status            text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
    quota_bytes       bigint NOT NULL CHECK (quota_bytes >= 0),
    keycloak_user_id  text,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_tenant ON directory.accounts (tenant_id);

-- source 'sales@example.com' is an alias (one target) or a distribution list (several);
-- source '@example.com' is the domain's catch-all. Targets are addresses: hosted ones expand further,
-- others are remote list members.
CREATE TABLE directory.aliases (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES directory.tenants (id) ON DELETE CASCADE,
    source      text NOT NULL UNIQUE,
    domain      text NOT NULL REFERENCES directory.domains (name) ON DELETE CASCADE,
    targets     text[] NOT NULL CHECK (cardinality(targets) > 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX aliases_tenant ON directory.aliases (tenant_id);
CREATE INDEX aliases_targets ON directory.aliases USING gin (targets);

CREATE TABLE directory.app_passwords (
    id            uuid PRIMARY KEY,
    account_id    uuid NOT NULL REFERENCES directory.accounts (id) ON DELETE CASCADE,
    label         text NOT NULL,
    -- PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash): the parameters travel with the hash
    hash          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz
);
CREATE INDEX app_passwords_account ON directory.app_passwords (account_id);

-- The audit trail: no foreign keys, so events outlive the tenants and accounts they are about.
CREATE TABLE audit.events (
    id          uuid PRIMARY KEY,
    at          timestamptz NOT NULL,
    tenant_id   uuid,
    type        text NOT NULL,
    actor       text,
    subject     text,
    protocol    text,
    client_ip   text,
    outcome     text,
    details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX events_tenant_at ON audit.events (tenant_id, at);
CREATE INDEX events_at ON audit.events (at);
