package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void byDefaultSecretsAreReferencedNeverRendered() {
        Manifests manifests = Chart.render();
        assertThat(manifests.ofType(Secret.class)).isEmpty();
        for (Deployment deployment : manifests.ofType(Deployment.class)) {
            for (EnvVar variable : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                if (variable.getValueFrom() != null) {
                    assertThat(variable.getValueFrom().getSecretKeyRef().getName()).as(variable.getName()).isEqualTo("mailfleet");
                }
            }
        }
        var authEnv = manifests.deployment("auth-service").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(authEnv).filteredOn(variable -> variable.getValueFrom() != null).extracting(EnvVar::getName)
                .containsExactlyInAnyOrder("MAILFLEET_INTERNAL_TOKEN", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                        "MAILFLEET_KEYCLOAK_ADMIN_PASSWORD", "MAILFLEET_OPERATOR_SECRET", "MAILFLEET_DKIM_MASTER_KEY");
    }

    @Test
    void theExistingSecretNameIsAValue() {
        Manifests manifests = Chart.render(Map.of("secrets.existingSecret", "mail-prod", "tls.existingSecret", "mx-cert"));
        var smtp = manifests.deployment("smtp-gateway").getSpec().getTemplate().getSpec();
        assertThat(smtp.getContainers().get(0).getEnv()).filteredOn(variable -> variable.getValueFrom() != null)
                .allSatisfy(variable -> assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("mail-prod"));
        assertThat(smtp.getVolumes()).filteredOn(volume -> volume.getSecret() != null).singleElement()
                .satisfies(volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("mx-cert"));
    }

    @Test
    void aSecretIsRenderedOnlyWhenTheValuesAskForIt() {
        Manifests manifests = Chart.render(Map.of("secrets.create", true, "secrets.values.internal-token", "throwaway"));
        assertThat(manifests.ofType(Secret.class)).singleElement().satisfies(secret -> {
            assertThat(secret.getMetadata().getName()).isEqualTo("mailfleet");
            assertThat(secret.getStringData()).isEqualTo(Map.of("internal-token", "throwaway"));
        });
    }

    @Test
    void redisUrlWithAPasswordComesFromTheSecret() {
        Manifests manifests = Chart.render(Map.of("secrets.keys.redisHosts", "redis-hosts"));
        var env = manifests.deployment("spam-filter").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).filteredOn(variable -> variable.getName().equals("QUARKUS_REDIS_HOSTS")).singleElement()
                .satisfies(variable -> {
                    assertThat(variable.getValue()).isNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("redis-hosts");
                });
    }
}
