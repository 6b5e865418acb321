package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MailServicesTest {

    private final Manifests manifests = Chart.render();

    @Test
    void smtpIsExposedOn25And587And465KeepingClientAddresses() {
        assertMailService("smtp-gateway", Map.of(25, "mx", 587, "submission", 465, "smtps"));
    }

    @Test
    void imapAndPop3AreExposedOn143And993And110And995KeepingClientAddresses() {
        assertMailService("imap-service", Map.of(143, "imap", 993, "imaps", 110, "pop3", 995, "pop3s"));
    }

    @Test
    void everyServiceHasAClusterServiceOnItsHttpPort() {
        for (String component : Chart.COMPONENTS) {
            Service service = manifests.named(Service.class, "mailfleet-" + component);
            assertThat(service.getSpec().getType()).as(component).isEqualTo("ClusterIP");
            assertThat(service.getSpec().getPorts()).as(component).singleElement()
                    .satisfies(port -> assertThat(port.getPort()).isEqualTo(Repository.httpPort(component)));
            assertThat(service.getSpec().getSelector())
                    .isEqualTo(manifests.deployment(component).getSpec().getSelector().getMatchLabels());
        }
    }

    @Test
    void behindAnExternalBalancerTheMailServicesCanBeClusterIp() {
        Manifests internal = Chart.render(Map.of("smtpGateway.service.type", "ClusterIP"));
        Service smtp = internal.named(Service.class, "mailfleet-smtp-gateway-mail");
        assertThat(smtp.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(smtp.getSpec().getExternalTrafficPolicy()).isNull();
    }

    /** Exactly these public ports, each reaching the named container port, on a balancer that keeps client IPs. */
    private void assertMailService(String component, Map<Integer, String> targets) {
        Service service = manifests.named(Service.class, "mailfleet-" + component + "-mail");
        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        List<ServicePort> ports = service.getSpec().getPorts();
        assertThat(ports).extracting(ServicePort::getPort).containsExactlyInAnyOrderElementsOf(targets.keySet());
        List<ContainerPort> containerPorts = manifests.deployment(component).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getPorts();
        for (ServicePort port : ports) {
            assertThat(port.getProtocol()).isEqualTo("TCP");
            assertThat(port.getTargetPort().getStrVal()).as("target of %d", port.getPort()).isEqualTo(targets.get(port.getPort()));
            assertThat(containerPorts).extracting(ContainerPort::getName).contains(port.getTargetPort().getStrVal());
        }
        assertThat(service.getSpec().getSelector())
                .isEqualTo(manifests.deployment(component).getSpec().getSelector().getMatchLabels());
    }
}
