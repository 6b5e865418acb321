package io.mailfleet.mailstore;

import java.util.OptionalLong;

/** An account's quota (empty: unlimited) and what it uses now. */
public record AccountUsage(String accountId, OptionalLong quotaBytes, OptionalLong quotaMessages, long usedBytes, long usedMessages) {
}
