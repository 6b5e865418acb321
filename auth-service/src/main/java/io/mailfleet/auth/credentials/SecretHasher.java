package io.mailfleet.auth.credentials;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Argon2id hashing and verification of secrets. Both cost tens of milliseconds of CPU by design, so
 * they run on the worker pool ({@code executeBlocking}, which hands the result back to the caller's
 * Vert.x context), never on an event-loop thread.
 */
@ApplicationScoped
public class SecretHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Function function;
    /** Verified against when there is nothing to verify, so an unknown user costs as much as a known one. */
    private final String decoy;

    private final Vertx vertx;

    public SecretHasher(Argon2Config config, Vertx vertx) {
        this.vertx = vertx;
        this.function = Argon2Function.getInstance(config.memoryKib(), config.iterations(), config.parallelism(),
                HASH_BYTES, Argon2.ID);
        this.decoy = hashNow(java.util.UUID.randomUUID().toString());
    }

    /** A PHC string: {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}. */
    public Uni<String> hash(String secret) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hashNow(secret)), false);
    }

    /** Whether the secret matches any of the hashes; with no hashes it still spends one verification. */
    public Uni<Integer> matchIndex(String secret, java.util.List<String> hashes) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            if (hashes.isEmpty()) {
                verify(secret, decoy);
                return -1;
            }
            for (int i = 0; i < hashes.size(); i++) {
                if (verify(secret, hashes.get(i))) {
                    return i;
                }
            }
            return -1;
        }), false);
    }

    private String hashNow(String secret) {
        return Password.hash(secret).addRandomSalt(SALT_BYTES).with(function).getResult();
    }

    private static boolean verify(String secret, String hash) {
        return Argon2Function.getInstanceFromHash(hash).check(secret, hash);
    }
}
