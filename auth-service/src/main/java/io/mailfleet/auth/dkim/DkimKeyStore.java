package io.mailfleet.auth.dkim;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DkimKeyStore {

    private static final String COLUMNS = "id, domain, selector, algorithm, public_key, status, created_at";

    private final Pool pool;

    public DkimKeyStore(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the new key and retires the domain's other active keys of the same algorithm: a rotation. */
    public Uni<DkimKey> rotateIn(UUID id, String domain, String selector, DkimKey.Algorithm algorithm, String publicKey,
                                 byte[] encryptedPrivateKey) {
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE directory.dkim_keys SET status = 'RETIRED' "
                                + "WHERE domain = $1 AND algorithm = $2 AND status = 'ACTIVE'")
                        .execute(Tuple.of(domain, algorithm.name()))
                        .flatMap(retired -> tx.preparedQuery("INSERT INTO directory.dkim_keys "
                                        + "(id, domain, selector, algorithm, public_key, private_key) VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                                .execute(Tuple.of(id, domain, selector, algorithm.name(), publicKey, Buffer.buffer(encryptedPrivateKey)))))
                .map(rows -> DkimKey.from(rows.iterator().next()));
    }

    public Uni<List<DkimKey>> list(String domain) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM directory.dkim_keys WHERE domain = $1 ORDER BY created_at")
                .execute(Tuple.of(domain)).map(rows -> {
                    List<DkimKey> keys = new ArrayList<>();
                    for (Row row : rows) {
                        keys.add(DkimKey.from(row));
                    }
                    return keys;
                });
    }

    /** A signing key with its private part still encrypted (the caller decrypts it with the key id). */
    public record SigningKey(UUID id, String selector, DkimKey.Algorithm algorithm, byte[] encryptedPrivateKey) {
    }

    /** The domain's ACTIVE keys (at most one per algorithm), for signing. */
    public Uni<List<SigningKey>> activeSigningKeys(String domain) {
        return pool.preparedQuery("SELECT id, selector, algorithm, private_key FROM directory.dkim_keys "
                        + "WHERE domain = $1 AND status = 'ACTIVE' ORDER BY algorithm")
                .execute(Tuple.of(domain)).map(rows -> {
                    List<SigningKey> keys = new ArrayList<>();
                    for (Row row : rows) {
                        keys.add(new SigningKey(row.getUUID("id"), row.getString("selector"),
                                DkimKey.Algorithm.valueOf(row.getString("algorithm")), row.getBuffer("private_key").getBytes()));
                    }
                    return keys;
                });
    }

    public Uni<Boolean> delete(String domain, UUID id) {
        return pool.preparedQuery("DELETE FROM directory.dkim_keys WHERE domain = $1 AND id = $2")
                .execute(Tuple.of(domain, id)).map(rows -> rows.rowCount() == 1);
    }
}
