package io.mailfleet.auth.internal;

import io.mailfleet.auth.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Guards {@code /internal/*} with the shared service token; compared in constant time. */
public class InternalTokenFilter {

    private static final String BEARER = "Bearer ";

    private final InternalApiConfig config;

    public InternalTokenFilter(InternalApiConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> checkToken(HttpServerRequest request) {
        if (!request.path().startsWith("/internal/")) {
            return Optional.empty();
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<String> expected = config.token().filter(token -> !token.isBlank());
        if (expected.isPresent() && header != null && header.startsWith(BEARER)
                && MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        Response unauthorized = Problem.of(Response.Status.UNAUTHORIZED, "a valid service token is required").toResponse();
        return Optional.of(Response.fromResponse(unauthorized).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
    }
}
