package io.mailfleet.auth;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/** The service token, the operator client's secret and the demo app password, made up for this test JVM: no secret lives in the repository. */
public class TestSecretsResource implements QuarkusTestResourceLifecycleManager {

    static final String INTERNAL_TOKEN = UUID.randomUUID().toString();
    static final String OPERATOR_SECRET = UUID.randomUUID().toString();
    static final String DEMO_APP_PASSWORD = UUID.randomUUID().toString();
    static final String DKIM_MASTER_KEY = java.util.Base64.getEncoder().encodeToString(
            randomBytes(32));

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("mailfleet.internal.token", INTERNAL_TOKEN, "mailfleet.keycloak.operator-secret", OPERATOR_SECRET,
                "mailfleet.demo.app-password", DEMO_APP_PASSWORD, "mailfleet.dkim.master-key", DKIM_MASTER_KEY);
    }

    @Override
    public void stop() {
    }
}
