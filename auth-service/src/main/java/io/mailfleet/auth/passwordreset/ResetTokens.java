package io.mailfleet.auth.passwordreset;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Password-reset tokens in Redis: only a SHA-256 of the token is stored (with the account id as value and the
 * TTL as expiry), taken with GETDEL so it works once, on any replica. An account has at most one live token:
 * a new request replaces the previous one.
 */
@ApplicationScoped
public class ResetTokens {

    private static final String TOKEN = "mailfleet:password-reset:token:";
    private static final String ACCOUNT = "mailfleet:password-reset:account:";

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final PasswordResetConfig config;
    private final SecureRandom random = new SecureRandom();

    public ResetTokens(ReactiveRedisDataSource redis, PasswordResetConfig config) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.config = config;
    }

    public Uni<String> issue(UUID accountId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String digest = digest(token);
        SetArgs expiry = new SetArgs().px(config.tokenTtl());
        return values.getset(ACCOUNT + accountId, digest)
                .call(previous -> previous == null ? Uni.createFrom().voidItem() : keys.del(TOKEN + previous).replaceWithVoid())
                .call(() -> keys.pexpire(ACCOUNT + accountId, config.tokenTtl()))
                .call(() -> values.set(TOKEN + digest, accountId.toString(), expiry))
                .replaceWith(token);
    }

    /** The account the token was issued for, once; empty for an unknown, expired or used token. */
    public Uni<Optional<UUID>> redeem(String token) {
        if (token == null || token.isBlank() || token.length() > 128) {
            return Uni.createFrom().item(Optional.empty());
        }
        String digest = digest(token.trim());
        return values.getdel(TOKEN + digest).map(account -> Optional.ofNullable(account).map(UUID::fromString))
                .call(account -> account.isEmpty() ? Uni.createFrom().voidItem()
                        : keys.del(ACCOUNT + account.get()).replaceWithVoid());
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
