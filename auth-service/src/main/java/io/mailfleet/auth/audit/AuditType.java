package io.mailfleet.auth.audit;

public enum AuditType {
    /** an authentication attempt through the internal API, whatever its outcome */
    AUTHENTICATION,
    /** an account or a client IP reached its failure limit and is locked */
    LOCKOUT,
    /** an account logged in from an unusual number of client IPs: an alert */
    UNUSUAL_LOGIN,
    TENANT_CREATED,
    TENANT_SUSPENDED,
    TENANT_RESUMED,
    TENANT_DELETED,
    DOMAIN_ADDED,
    DOMAIN_REMOVED,
    ACCOUNT_CREATED,
    ACCOUNT_DISABLED,
    ACCOUNT_ENABLED,
    ACCOUNT_DELETED,
    QUOTA_CHANGED,
    PASSWORD_RESET,
    /** a self-service password reset was asked for (outcome SENT: a token went to the mailbox; IGNORED: no such active account) */
    PASSWORD_RESET_REQUESTED,
    SIGNUP_REQUESTED,
    DKIM_KEY_CREATED,
    DKIM_KEY_DELETED,
    ALIAS_CREATED,
    ALIAS_DELETED,
    APP_PASSWORD_CREATED,
    APP_PASSWORD_REVOKED,
    /** a tenant's policy (IP and sender lists, spam thresholds, sending limits) was replaced or reset */
    POLICY_CHANGED
}
