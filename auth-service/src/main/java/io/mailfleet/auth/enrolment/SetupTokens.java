package io.mailfleet.auth.enrolment;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Single-use setup tokens in Redis, with a TTL. Only a SHA-256 of the token is stored, so a Redis dump
 * does not let anybody enrol in someone else's place.
 */
@ApplicationScoped
public class SetupTokens {

    private static final String PREFIX = "mailfleet:enrolment:";
    private static final String USER = "user";
    private static final String ADDRESS = "address";
    private static final String PENDING_KEY = "pending";
    private static final String ATTEMPTS = "attempts";

    /** A token's state: whose it is and, once started, the TOTP key waiting for confirmation. */
    public record Enrolment(String keycloakUserId, String address, Optional<String> pendingKey) {
    }

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveKeyCommands<String> keys;
    private final EnrolmentConfig config;
    private final SecureRandom random = new SecureRandom();

    public SetupTokens(ReactiveRedisDataSource redis, EnrolmentConfig config) {
        this.hashes = redis.hash(String.class);
        this.keys = redis.key();
        this.config = config;
    }

    public Uni<String> issue(String keycloakUserId, String address) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String key = key(token);
        return hashes.hset(key, Map.of(USER, keycloakUserId, ADDRESS, address, ATTEMPTS, "0"))
                .call(() -> keys.pexpire(key, config.tokenTtl()))
                .replaceWith(token);
    }

    public Uni<Optional<Enrolment>> find(String token) {
        return hashes.hgetall(key(token)).map(fields -> fields == null || !fields.containsKey(USER)
                ? Optional.empty()
                : Optional.of(new Enrolment(fields.get(USER), fields.get(ADDRESS), Optional.ofNullable(fields.get(PENDING_KEY)))));
    }

    public Uni<Void> setPendingKey(String token, String keyText) {
        return hashes.hset(key(token), PENDING_KEY, keyText).replaceWithVoid();
    }

    /** Counts a wrong code; burns the token after too many. Returns whether it is still usable. */
    public Uni<Boolean> countFailure(String token) {
        String key = key(token);
        return hashes.hincrby(key, ATTEMPTS, 1).flatMap(attempts -> attempts >= config.maxAttempts()
                ? keys.del(key).replaceWith(false)
                : Uni.createFrom().item(true));
    }

    /** Single use: true only for the one caller that removed it. */
    public Uni<Boolean> consume(String token) {
        return keys.del(key(token)).map(deleted -> deleted == 1);
    }

    private static String key(String token) {
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
