package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Mailfleet Deployment must look like, wherever it was rendered from (the chart, the kustomize
 * overlay): non-root, read-only root file system with a writable /tmp, no capabilities, sized, probed on
 * the Quarkus health endpoints of the service's real HTTP port, scraped by Prometheus.
 */
final class WorkloadContract {

    private WorkloadContract() {
    }

    static void check(Manifests manifests) {
        for (String component : Chart.COMPONENTS) {
            check(component, manifests.deployment(component));
        }
    }

    static void check(String component, Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", component).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).as("%s uid", component).isPositive();
        assertThat(pod.getAutomountServiceAccountToken()).as("%s service account token", component).isFalse();
        assertThat(pod.getContainers()).as(component).hasSize(1);
        Container container = pod.getContainers().get(0);

        var security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).as("%s container runAsNonRoot", component).isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", component).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", component).isFalse();
        assertThat(security.getCapabilities().getDrop()).as("%s dropped capabilities", component).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).as("%s added capabilities", component).isNullOrEmpty();

        String tmpVolume = container.getVolumeMounts().stream().filter(mount -> "/tmp".equals(mount.getMountPath()))
                .findFirst().orElseThrow(() -> new AssertionError(component + " has no /tmp mount")).getName();
        Volume tmp = pod.getVolumes().stream().filter(volume -> tmpVolume.equals(volume.getName())).findFirst().orElseThrow();
        assertThat(tmp.getEmptyDir()).as("%s /tmp is an emptyDir", component).isNotNull();

        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(requests).as("%s requests", component).containsKeys("cpu", "memory");
        assertThat(limits).as("%s limits", component).containsKey("memory");

        int httpPort = Repository.httpPort(component);
        ContainerPort http = container.getPorts().stream().filter(port -> "http".equals(port.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(component + " has no port named http"));
        assertThat(http.getContainerPort()).as("%s HTTP port = quarkus.http.port", component).isEqualTo(httpPort);
        assertThat(env(container, "QUARKUS_HTTP_PORT")).as("%s QUARKUS_HTTP_PORT", component).isEqualTo(String.valueOf(httpPort));

        assertProbe(component, "readiness", container.getReadinessProbe(), "/q/health/ready", httpPort, container);
        assertProbe(component, "liveness", container.getLivenessProbe(), "/q/health/live", httpPort, container);
        assertProbe(component, "startup", container.getStartupProbe(), "/q/health/started", httpPort, container);

        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).as("%s scrape annotations", component)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/q/metrics")
                .containsEntry("prometheus.io/port", String.valueOf(httpPort));

        for (EnvVar variable : container.getEnv()) {
            if (variable.getName().matches(".*(PASSWORD|SECRET|TOKEN|MASTER_KEY).*")) {
                assertThat(variable.getValue()).as("%s %s must come from a Secret", component, variable.getName()).isNull();
                assertThat(variable.getValueFrom().getSecretKeyRef()).as("%s %s", component, variable.getName()).isNotNull();
            }
        }
    }

    private static void assertProbe(String component, String kind, Probe probe, String path, int httpPort, Container container) {
        assertThat(probe).as("%s %s probe", component, kind).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as("%s %s path", component, kind).isEqualTo(path);
        var port = probe.getHttpGet().getPort();
        int number = port.getIntVal() != null ? port.getIntVal() : container.getPorts().stream()
                .filter(candidate -> port.getStrVal().equals(candidate.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(component + " " + kind + " probe names no container port"))
                .getContainerPort();
        assertThat(number).as("%s %s port", component, kind).isEqualTo(httpPort);
    }

    static String env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> name.equals(variable.getName())).findFirst()
                .map(EnvVar::getValue).orElse(null);
    }
}
