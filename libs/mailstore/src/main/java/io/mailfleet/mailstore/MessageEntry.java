package io.mailfleet.mailstore;

import io.mailfleet.mailstore.blob.BlobId;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;

/**
 * One message in a mailbox as IMAP FETCH needs it without touching the blob: the cached ENVELOPE and
 * BODYSTRUCTURE (JSON, see docs/mailstore.md) and {@code headerPrefixSize}, the octets of per-recipient
 * header lines stored in front of the shared blob.
 */
public record MessageEntry(long mailboxId, long uid, long modseq, Flags flags, OffsetDateTime internalDate, long size,
                           BlobId blob, int headerPrefixSize, JsonObject envelope, JsonObject bodyStructure) {
}
