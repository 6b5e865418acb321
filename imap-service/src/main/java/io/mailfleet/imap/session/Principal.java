package io.mailfleet.imap.session;

/** Who a session is logged in as, from auth-service's answer; every mailstore call uses {@code accountId}. */
public record Principal(String tenantId, String accountId, String address) {
}
