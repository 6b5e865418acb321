package io.mailfleet.events;

import java.util.Map;

/**
 * One envelope recipient. {@code tenantId}/{@code accountId} are set by the gateway when the
 * address is hosted here and null for remote recipients; {@code dsn} carries RFC 3461 RCPT parameters.
 */
public record Recipient(String address, String tenantId, String accountId, Map<String, String> dsn) {

    public Recipient {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("recipient address is required");
        }
        dsn = dsn == null ? Map.of() : Map.copyOf(dsn);
    }

    public static Recipient remote(String address) {
        return new Recipient(address, null, null, Map.of());
    }

    public static Recipient local(String address, String tenantId, String accountId) {
        return new Recipient(address, tenantId, accountId, Map.of());
    }

    public boolean isLocal() {
        return accountId != null;
    }
}
