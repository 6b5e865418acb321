package io.mailfleet.auth.signup;

import io.vertx.core.http.HttpServerRequest;

/**
 * The client IP of a public request. Behind the ingress this is the address the trusted proxy forwarded
 * ({@code quarkus.http.proxy.*}, trusted proxies from {@code MAILFLEET_TRUSTED_PROXIES}), else the peer's.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
