package io.mailfleet.mailstore;

import java.time.OffsetDateTime;

/** One message of a MULTIAPPEND (RFC 3502): its bytes exactly as given, its flags and internal date. */
public record NewMessage(byte[] message, Flags flags, OffsetDateTime internalDate) {
}
