package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentTest {

    private final Manifests manifests = Chart.render();

    @Test
    void everyServiceHasOneDeploymentHeldToTheWorkloadContract() {
        assertThat(manifests.ofType(Deployment.class)).hasSize(Chart.COMPONENTS.size());
        WorkloadContract.check(manifests);
    }

    @Test
    void mailListenersUseTheContainerPortsTheirEnvironmentConfigures() {
        Container smtp = container("smtp-gateway");
        assertThat(portsByName(smtp)).containsEntry("mx", 2525).containsEntry("submission", 2587).containsEntry("smtps", 2465);
        assertThat(WorkloadContract.env(smtp, "MAILFLEET_SMTP_MX_PORT")).isEqualTo("2525");
        assertThat(WorkloadContract.env(smtp, "MAILFLEET_SMTP_SUBMISSION_PORT")).isEqualTo("2587");
        assertThat(WorkloadContract.env(smtp, "MAILFLEET_SMTP_SMTPS_PORT")).isEqualTo("2465");

        Container imap = container("imap-service");
        assertThat(portsByName(imap)).containsEntry("imap", 2143).containsEntry("imaps", 2993)
                .containsEntry("pop3", 2110).containsEntry("pop3s", 2995);
        assertThat(WorkloadContract.env(imap, "MAILFLEET_IMAP_IMAP_PORT")).isEqualTo("2143");
        assertThat(WorkloadContract.env(imap, "MAILFLEET_IMAP_IMAPS_PORT")).isEqualTo("2993");
        assertThat(WorkloadContract.env(imap, "MAILFLEET_IMAP_POP3_PORT")).isEqualTo("2110");
        assertThat(WorkloadContract.env(imap, "MAILFLEET_IMAP_POP3S_PORT")).isEqualTo("2995");
    }

    @Test
    void callersOfAuthServiceFindItsInternalApiThroughItsService() {
        String url = "http://mailfleet-auth-service:" + Repository.httpPort("auth-service");
        for (String component : new String[] {"smtp-gateway", "imap-service", "spam-filter", "delivery-worker"}) {
            assertThat(WorkloadContract.env(container(component), "QUARKUS_REST_CLIENT_DIRECTORY_URL")).as(component).isEqualTo(url);
        }
    }

    @Test
    void tlsListenersReadTheCertificateFromTheMountedSecretThroughTheirRegistryConfiguration() {
        var config = manifests.named(io.fabric8.kubernetes.api.model.ConfigMap.class, "mailfleet-tls-config").getData();
        // the Quarkus TLS registry configuration each service's listeners use (docs/smtp-gateway.md, docs/imap-service.md)
        Map<String, String> configurations = Map.of("smtp-gateway", "smtp", "imap-service", "mail");
        configurations.forEach((component, name) -> {
            Deployment deployment = manifests.deployment(component);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            String file = WorkloadContract.env(container, "QUARKUS_CONFIG_LOCATIONS");
            assertThat(file).as(component).isEqualTo("/etc/mailfleet/config/" + name + ".properties");
            assertThat(config.get(name + ".properties")).as(component)
                    .contains("quarkus.tls." + name + ".key-store.pem.0.cert=/etc/mailfleet/tls/tls.crt")
                    .contains("quarkus.tls." + name + ".key-store.pem.0.key=/etc/mailfleet/tls/tls.key")
                    .contains("quarkus.tls." + name + ".reload-period=1h");
            String tlsVolume = container.getVolumeMounts().stream()
                    .filter(mount -> "/etc/mailfleet/tls".equals(mount.getMountPath())).findFirst().orElseThrow().getName();
            var volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(candidate -> tlsVolume.equals(candidate.getName())).findFirst().orElseThrow();
            assertThat(volume.getSecret().getSecretName()).as(component).isEqualTo("mailfleet-tls");
        });
    }

    @Test
    void imageRepositoryAndTagArePerServiceValues() {
        Manifests custom = Chart.render(Map.of("image.registry", "ghcr.io/acme", "smtpGateway.image.tag", "1.2.3",
                "image.tag", "1.2.0"));
        assertThat(custom.deployment("smtp-gateway").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/acme/smtp-gateway:1.2.3");
        assertThat(custom.deployment("imap-service").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/acme/imap-service:1.2.0");
    }

    private Container container(String component) {
        return manifests.deployment(component).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, Integer> portsByName(Container container) {
        return container.getPorts().stream().collect(java.util.stream.Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    }
}
