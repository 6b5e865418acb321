package io.mailfleet.auth.keycloak;

/** Names the realm set-up creates and the rest of the service relies on. */
public final class RealmNames {

    public static final String OPERATOR_CLIENT = "mailfleet-operator";
    /** Public client for people: direct-access grant with username, password and totp. */
    public static final String CLI_CLIENT = "mailfleet-cli";
    public static final String OPERATOR_ROLE = "operator";
    public static final String TENANT_ADMIN_ROLE = "tenant-admin";
    /** User attribute and token claim carrying the tenant id; only admins may set it. */
    public static final String TENANT_CLAIM = "mailfleet_tenant";
    public static final String CONFIGURE_TOTP = "CONFIGURE_TOTP";

    private RealmNames() {
    }
}
