-- A tenant's own mail policy (libs/directory-api TenantPolicy): one row per tenant that set one, none = platform
-- defaults. Lists hold the canonical forms the API wrote (CIDRs with their network address, lower-case addresses
-- and A-label domains); a null threshold or limit means "platform default".
CREATE TABLE directory.tenant_policies (
    tenant_id               uuid PRIMARY KEY REFERENCES directory.tenants (id) ON DELETE CASCADE,
    ip_allow                text[] NOT NULL DEFAULT '{}',
    ip_deny                 text[] NOT NULL DEFAULT '{}',
    sender_allow            text[] NOT NULL DEFAULT '{}',
    sender_block            text[] NOT NULL DEFAULT '{}',
    spam_junk               double precision,
    spam_quarantine         double precision,
    spam_reject             double precision,
    messages_per_day        integer CHECK (messages_per_day > 0),
    recipients_per_message  integer CHECK (recipients_per_message > 0),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
