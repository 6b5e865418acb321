package io.mailfleet.mailstore.blob;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Blobs in {@code mailstore.blobs} (bytea, stored uncompressed out of line: mail is mostly compressed already). */
@ApplicationScoped
public class PostgresBlobStore implements BlobStore {

    @Override
    public Uni<Void> store(SqlClient client, BlobId id, byte[] content) {
        return client.preparedQuery("""
                        INSERT INTO mailstore.blobs (sha256, size, content) VALUES ($1, $2, $3)
                        ON CONFLICT (sha256) DO NOTHING""")
                .execute(Tuple.of(Buffer.buffer(id.digest()), (long) content.length, Buffer.buffer(content)))
                .replaceWithVoid();
    }

    @Override
    public Uni<byte[]> read(SqlClient client, BlobId id) {
        return client.preparedQuery("SELECT content FROM mailstore.blobs WHERE sha256 = $1")
                .execute(Tuple.of(Buffer.buffer(id.digest())))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        throw new BlobNotFoundException(id);
                    }
                    Row row = iterator.next();
                    return row.getBuffer("content").getBytes();
                });
    }
}
