package io.mailfleet.auth;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/** The service token and the operator client's secret, made up for this test JVM: no secret lives in the repository. */
public class TestSecretsResource implements QuarkusTestResourceLifecycleManager {

    static final String INTERNAL_TOKEN = UUID.randomUUID().toString();
    static final String OPERATOR_SECRET = UUID.randomUUID().toString();

    @Override
    public Map<String, String> start() {
        return Map.of("mailfleet.internal.token", INTERNAL_TOKEN, "mailfleet.keycloak.operator-secret", OPERATOR_SECRET);
    }

    @Override
    public void stop() {
    }
}
