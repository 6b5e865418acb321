package io.mailfleet.auth;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/** A service token made up for this test JVM, so no token is ever written into the repository. */
public class InternalTokenResource implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = UUID.randomUUID().toString();

    @Override
    public Map<String, String> start() {
        return Map.of("mailfleet.internal.token", TOKEN);
    }

    @Override
    public void stop() {
    }
}
