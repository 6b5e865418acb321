package io.mailfleet.auth.credentials;

import io.mailfleet.auth.directory.AppPasswordStore;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies an app password against an account's Argon2id hashes. A busy IMAP client logs in again and
 * again with the same app password, so a successful match is remembered briefly (cache
 * {@code verified-app-passwords}), keyed by a SHA-256 of username and secret — never the secret itself.
 * The remembered match only counts while the app password still exists, so a revocation takes effect at
 * once on every replica; failures are never cached.
 */
@ApplicationScoped
public class VerifiedSecrets {

    private final AppPasswordStore appPasswords;
    private final SecretHasher hasher;
    private final CaffeineCache verified;

    public VerifiedSecrets(AppPasswordStore appPasswords, SecretHasher hasher, @CacheName("verified-app-passwords") Cache verified) {
        this.appPasswords = appPasswords;
        this.hasher = hasher;
        this.verified = verified.as(CaffeineCache.class);
    }

    /** With no account, spends the same Argon2 work and answers false. */
    public Uni<Boolean> verify(Optional<UUID> accountId, String username, String secret) {
        if (accountId.isEmpty()) {
            return hasher.matchIndex(secret, List.of()).replaceWith(false);
        }
        String key = cacheKey(username, secret);
        return appPasswords.hashes(accountId.get()).flatMap(stored -> {
            CompletableFuture<UUID> remembered = verified.getIfPresent(key);
            UUID rememberedId = remembered == null ? null : remembered.getNow(null);
            if (rememberedId != null && stored.stream().anyMatch(hash -> hash.id().equals(rememberedId))) {
                return Uni.createFrom().item(true);
            }
            return hasher.matchIndex(secret, stored.stream().map(AppPasswordStore.StoredHash::hash).toList())
                    .flatMap(index -> {
                        if (index < 0) {
                            return Uni.createFrom().item(false);
                        }
                        UUID id = stored.get(index).id();
                        verified.put(key, CompletableFuture.completedFuture(id));
                        return appPasswords.markUsed(id).replaceWith(true);
                    });
        });
    }

    private static String cacheKey(String username, String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(username.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
