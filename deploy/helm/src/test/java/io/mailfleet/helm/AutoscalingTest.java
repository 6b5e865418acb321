package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class AutoscalingTest {

    private static final List<String> GATEWAYS = List.of("smtp-gateway", "imap-service");
    private static final List<String> WORKERS = List.of("spam-filter", "delivery-worker");

    private final Manifests manifests = Chart.render();

    @Test
    void gatewaysScaleOnCpuThroughAnHpaThatOwnsTheirReplicaCount() {
        assertThat(manifests.ofType(HorizontalPodAutoscaler.class)).extracting(hpa -> hpa.getMetadata().getName())
                .containsExactlyInAnyOrder("mailfleet-smtp-gateway", "mailfleet-imap-service");
        for (String gateway : GATEWAYS) {
            HorizontalPodAutoscaler hpa = manifests.named(HorizontalPodAutoscaler.class, "mailfleet-" + gateway);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("mailfleet-" + gateway);
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            assertThat(hpa.getSpec().getMetrics()).filteredOn(metric -> metric.getResource() != null)
                    .singleElement().satisfies(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
            assertThat(manifests.deployment(gateway).getSpec().getReplicas()).as(gateway).isNull();
        }
    }

    @Test
    void smtpSessionsPerPodCanBeASecondMetric() {
        HorizontalPodAutoscaler hpa = Chart.render(Map.of("smtpGateway.autoscaling.targetSessionsPerPod", 500))
                .named(HorizontalPodAutoscaler.class, "mailfleet-smtp-gateway");
        assertThat(hpa.getSpec().getMetrics()).filteredOn(metric -> metric.getPods() != null).singleElement().satisfies(metric -> {
            assertThat(metric.getPods().getMetric().getName()).isEqualTo("smtp_sessions_open");
            assertThat(metric.getPods().getTarget().getAverageValue().toString()).isEqualTo("500");
        });
    }

    @Test
    void withoutKedaWorkersRunAFixedReplicaCount() {
        assertThat(manifests.custom("ScaledObject")).isEmpty();
        for (String worker : WORKERS) {
            assertThat(manifests.deployment(worker).getSpec().getReplicas()).as(worker).isEqualTo(2);
        }
    }

    @Test
    void withKedaWorkersScaleOnTheLagOfEveryConsumerGroupTheyRun() {
        Manifests keda = Chart.render(Map.of("keda.enabled", true));
        assertThat(keda.custom("ScaledObject")).hasSize(WORKERS.size());
        for (String worker : WORKERS) {
            GenericKubernetesResource scaled = keda.custom("ScaledObject").stream()
                    .filter(object -> object.getMetadata().getName().equals("mailfleet-" + worker)).findFirst().orElseThrow();
            assertThat(scaled.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) scaled.getAdditionalProperties().get("spec");
            @SuppressWarnings("unchecked")
            Map<String, Object> target = (Map<String, Object>) spec.get("scaleTargetRef");
            assertThat(target.get("name")).isEqualTo("mailfleet-" + worker);
            // a consumer beyond the partition count idles: the ceiling is the partition count
            assertThat(((Number) spec.get("maxReplicaCount")).intValue()).isLessThanOrEqualTo(12);

            Set<String> triggered = new TreeSet<>();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> triggers = (List<Map<String, Object>>) spec.get("triggers");
            for (Map<String, Object> trigger : triggers) {
                assertThat(trigger.get("type")).isEqualTo("kafka");
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");
                assertThat(metadata.get("bootstrapServers")).isEqualTo("mailfleet-kafka-bootstrap:9092");
                triggered.add(metadata.get("consumerGroup") + "@" + metadata.get("topic"));
            }
            assertThat(triggered).as("%s: groups of its application.properties", worker)
                    .isEqualTo(Repository.consumerGroupsAndTopics(worker));
            assertThat(keda.deployment(worker).getSpec().getReplicas()).as("KEDA owns %s's replicas", worker).isNull();
        }
    }

    @Test
    void everyServiceHasADisruptionBudgetSelectingItsPods() {
        assertThat(manifests.ofType(PodDisruptionBudget.class)).hasSize(Chart.COMPONENTS.size());
        for (String component : Chart.COMPONENTS) {
            PodDisruptionBudget pdb = manifests.named(PodDisruptionBudget.class, "mailfleet-" + component);
            Deployment deployment = manifests.deployment(component);
            assertThat(pdb.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).as(component).isEqualTo(1);
        }
    }
}
