package io.mailfleet.auth;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/** The service token, the operator client's secret and the demo app password, made up for this test JVM: no secret lives in the repository. */
public class TestSecretsResource implements QuarkusTestResourceLifecycleManager {

    static final String INTERNAL_TOKEN = UUID.randomUUID().toString();
    static final String OPERATOR_SECRET = UUID.randomUUID().toString();
    static final String DEMO_APP_PASSWORD = UUID.randomUUID().toString();

    @Override
    public Map<String, String> start() {
        return Map.of("mailfleet.internal.token", INTERNAL_TOKEN, "mailfleet.keycloak.operator-secret", OPERATOR_SECRET,
                "mailfleet.demo.app-password", DEMO_APP_PASSWORD);
    }

    @Override
    public void stop() {
    }
}
