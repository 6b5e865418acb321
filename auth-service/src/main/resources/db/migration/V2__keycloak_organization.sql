-- the tenant's Organization in Keycloak realm mailfleet (one per tenant)
ALTER TABLE directory.tenants ADD COLUMN keycloak_organization_id text;
