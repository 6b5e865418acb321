package io.mailfleet.auth.keycloak;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready to onboard anybody before realm {@code mailfleet} is set up. */
@Readiness
@ApplicationScoped
public class KeycloakRealmCheck implements HealthCheck {

    private final RealmSetup setup;

    public KeycloakRealmCheck(RealmSetup setup) {
        this.setup = setup;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Keycloak realm").status(setup.isDone()).build();
    }
}
