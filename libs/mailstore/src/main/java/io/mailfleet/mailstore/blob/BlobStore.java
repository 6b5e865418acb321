package io.mailfleet.mailstore.blob;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Message bytes by content address. Writes are idempotent: storing the same bytes twice keeps one copy.
 *
 * <p>Every call takes the SQL client (usually the open transaction's connection) of the caller: the
 * PostgreSQL store writes in that transaction, so a message and its mailbox entries commit together.
 * A store outside the database (S3-compatible) would ignore it and upload first; an upload whose
 * transaction then rolls back leaves an unreferenced object, which is harmless and collectable.
 */
public interface BlobStore {

    /**
     * Stores the bytes unless a blob with the same id exists. The caller computes {@code id} as
     * {@link BlobId#of(byte[]) BlobId.of(content)}, off the event loop: hashing 25 MiB takes a while.
     */
    Uni<Void> store(SqlClient client, BlobId id, byte[] content);

    /** The bytes, or a failure with {@link BlobNotFoundException}. */
    Uni<byte[]> read(SqlClient client, BlobId id);
}
