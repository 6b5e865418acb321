package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkPolicyTest {

    private final Manifests manifests = Chart.render();

    @Test
    void authServiceAdmitsOnlyMailfleetPodsTheMonitoringAndTheIngressController() {
        NetworkPolicy policy = manifests.named(NetworkPolicy.class, "mailfleet-auth-service");
        Deployment auth = manifests.deployment("auth-service");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(auth.getSpec().getSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");

        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort)
                    .singleElement().satisfies(port -> assertThat(port.getStrVal()).isEqualTo("http"));
            assertThat(rule.getFrom()).as("a rule without peers admits everybody").isNotEmpty();
            List<NetworkPolicyPeer> samePodsNamespace = rule.getFrom().stream().filter(peer -> peer.getPodSelector() != null).toList();
            assertThat(samePodsNamespace).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector()).as("Mailfleet pods of this namespace only").isNull();
                assertThat(peer.getIpBlock()).isNull();
                LabelSelector members = peer.getPodSelector();
                assertThat(members.getMatchExpressions()).isNullOrEmpty();
                assertThat(members.getMatchLabels()).containsEntry("app.kubernetes.io/part-of", "mailfleet");
                for (String component : Chart.COMPONENTS) {
                    assertThat(podLabels(component)).as("%s is admitted", component).containsAllEntriesOf(members.getMatchLabels());
                }
            });
            assertThat(rule.getFrom().stream().filter(peer -> peer.getPodSelector() == null).toList())
                    .extracting(peer -> peer.getNamespaceSelector().getMatchLabels())
                    .containsExactlyInAnyOrder(Map.of("kubernetes.io/metadata.name", "monitoring"),
                            Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
            assertThat(rule.getFrom()).noneMatch(peer -> peer.getIpBlock() != null);
        });
    }

    @Test
    void emptyNamespaceSelectorsAreLeftOutRatherThanAdmittingEveryNamespace() {
        Manifests closed = Chart.render(Map.of("networkPolicy.monitoringNamespaceSelector", "null",
                "networkPolicy.ingressNamespaceSelector", "null"));
        NetworkPolicy policy = closed.named(NetworkPolicy.class, "mailfleet-auth-service");
        assertThat(policy.getSpec().getIngress()).singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).singleElement()
                        .satisfies(peer -> assertThat(peer.getNamespaceSelector()).isNull()));
    }

    @Test
    void gatewaysAdmitMailFromAnywhereButHttpOnlyFromInside() {
        for (String gateway : List.of("smtp-gateway", "imap-service")) {
            NetworkPolicy policy = manifests.named(NetworkPolicy.class, "mailfleet-" + gateway);
            var mailPorts = manifests.deployment(gateway).getSpec().getTemplate().getSpec().getContainers().get(0).getPorts()
                    .stream().map(port -> port.getName()).filter(name -> !"http".equals(name)).toList();
            assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
                assertThat(rule.getFrom()).isNullOrEmpty();
                assertThat(rule.getPorts()).extracting(port -> port.getPort().getStrVal()).containsExactlyInAnyOrderElementsOf(mailPorts);
            });
            assertThat(policy.getSpec().getIngress()).filteredOn(rule -> rule.getFrom() == null || rule.getFrom().isEmpty())
                    .allSatisfy(rule -> assertThat(rule.getPorts()).extracting(port -> port.getPort().getStrVal()).doesNotContain("http"));
        }
    }

    @Test
    void everyServiceHasAPolicyUnlessTurnedOff() {
        assertThat(manifests.ofType(NetworkPolicy.class)).hasSize(Chart.COMPONENTS.size());
        assertThat(Chart.render(Map.of("networkPolicy.enabled", false)).ofType(NetworkPolicy.class)).isEmpty();
    }

    private Map<String, String> podLabels(String component) {
        return manifests.deployment(component).getSpec().getTemplate().getMetadata().getLabels();
    }
}
