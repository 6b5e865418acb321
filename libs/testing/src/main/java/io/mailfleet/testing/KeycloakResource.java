package io.mailfleet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real Keycloak (its Maven Central distribution, dev mode, fresh database). The bootstrap admin
 * of realm {@code master} is {@code admin}, with a random password given as
 * {@code mailfleet.keycloak.admin-password}.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mailfleet.keycloak.url", SharedInfrastructure.keycloakUrl(),
                "mailfleet.keycloak.admin-user", "admin",
                "mailfleet.keycloak.admin-password", SharedInfrastructure.keycloakAdminPassword());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped at JVM exit
    }

    public static String url() {
        return SharedInfrastructure.keycloakUrl();
    }

    public static String adminPassword() {
        return SharedInfrastructure.keycloakAdminPassword();
    }
}
