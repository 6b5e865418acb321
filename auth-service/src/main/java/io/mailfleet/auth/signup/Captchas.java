package io.mailfleet.auth.signup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Proof-of-work challenges issued by the service itself (no third-party CAPTCHA): state in Redis with a
 * short TTL, taken with GETDEL so each challenge is used at most once, on any replica.
 */
@ApplicationScoped
public class Captchas {

    private static final String PREFIX = "mailfleet:captcha:";

    public record Challenge(String id, String algorithm, String challenge, int difficulty, long expiresInSeconds) {
    }

    private final ReactiveValueCommands<String, String> values;
    private final CaptchaConfig config;
    private final SecureRandom random = new SecureRandom();

    public Captchas(ReactiveRedisDataSource redis, CaptchaConfig config) {
        this.values = redis.value(String.class);
        this.config = config;
    }

    public Uni<Challenge> issue() {
        String id = randomToken();
        String challenge = randomToken();
        return values.set(PREFIX + id, challenge, new SetArgs().px(config.ttl()))
                .replaceWith(new Challenge(id, ProofOfWork.ALGORITHM, challenge, config.difficultyBits(), config.ttl().toSeconds()));
    }

    /** True once for a live challenge with a valid solution; the challenge is gone afterwards either way. */
    public Uni<Boolean> redeem(String id, String solution) {
        if (id == null || id.length() > 64) {
            return Uni.createFrom().item(false);
        }
        return values.getdel(PREFIX + id)
                .map(challenge -> challenge != null && ProofOfWork.solves(challenge, solution, config.difficultyBits()));
    }

    private String randomToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
