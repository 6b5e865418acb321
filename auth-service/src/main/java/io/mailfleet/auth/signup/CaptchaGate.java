package io.mailfleet.auth.signup;

import io.mailfleet.auth.problem.ProblemException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The one place that decides whether a self-service request (open to the internet) must carry a solved
 * challenge: sign-up always; the others once the client IP has {@code mailfleet.captcha.free-failures}
 * failures within {@code failure-window}. The per-IP failure counters live in Redis, shared by all replicas.
 * A challenge that is sent is always checked (and used up), required or not.
 */
@ApplicationScoped
public class CaptchaGate {

    private static final String FAILURES = "mailfleet:captcha:failures:";

    /** The solved challenge a request carries: the id from {@code GET /api/v1/captcha} and the found solution. */
    public record Solution(@NotBlank @Size(max = 64) String id, @NotBlank @Size(max = 64) String solution) {
    }

    private final Captchas captchas;
    private final ReactiveValueCommands<String, String> strings;
    private final ReactiveValueCommands<String, Long> counters;
    private final CaptchaConfig config;

    public CaptchaGate(Captchas captchas, ReactiveRedisDataSource redis, CaptchaConfig config) {
        this.captchas = captchas;
        this.strings = redis.value(String.class);
        this.counters = redis.value(Long.class);
        this.config = config;
    }

    /**
     * Lets the request through or fails with a 400 problem. A wrong, expired or reused challenge counts as a
     * failure of the IP.
     *
     * @param always true for endpoints that need a challenge whatever the IP did (sign-up)
     */
    public Uni<Void> admit(String clientIp, Solution captcha, boolean always) {
        if (captcha != null) {
            return captchas.redeem(captcha.id(), captcha.solution()).flatMap(solved -> solved
                    ? Uni.createFrom().voidItem()
                    : recordFailure(clientIp).chain(() -> Uni.createFrom().failure(
                            ProblemException.badRequest("the captcha is unknown, expired, already used or not solved"))));
        }
        Uni<Boolean> required = always ? Uni.createFrom().item(true) : failures(clientIp).map(count -> count >= config.freeFailures());
        return required.flatMap(yes -> yes
                ? Uni.createFrom().failure(ProblemException.badRequest("a solved captcha is required: GET /api/v1/captcha"))
                : Uni.createFrom().voidItem());
    }

    /** Counts a failure of the client IP; the counter starts with the window as its expiry, then only grows. */
    public Uni<Void> recordFailure(String clientIp) {
        if (clientIp == null || clientIp.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        String key = FAILURES + clientIp;
        return strings.set(key, "0", new SetArgs().nx().px(config.failureWindow()))
                .chain(() -> counters.incr(key))
                .replaceWithVoid();
    }

    private Uni<Long> failures(String clientIp) {
        if (clientIp == null || clientIp.isBlank()) {
            return Uni.createFrom().item(0L);
        }
        return counters.get(FAILURES + clientIp).map(count -> count == null ? 0L : count);
    }
}
