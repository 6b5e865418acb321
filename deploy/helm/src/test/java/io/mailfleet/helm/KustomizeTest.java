package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mailfleet.events.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** k8s/overlays/production through kubectl's built-in kustomize: the chart's objects, held to the same contract. */
class KustomizeTest {

    private static Manifests production;

    @BeforeAll
    static void renderProductionOverlay() throws IOException, InterruptedException {
        Optional<Path> kubectl = onPath("kubectl");
        assumeTrue(kubectl.isPresent(), "kubectl is not installed: the kustomize overlay is not rendered");
        Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize",
                Repository.root().resolve("k8s/overlays/production").toString()).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String output = read(process.getInputStream());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kubectl kustomize finished").isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize: %s", errors.join()).isZero();
        production = Manifests.parse(output);
    }

    @Test
    void rendersTheSameObjectsAsTheChartWithKedaAndTopics() {
        Manifests chart = Chart.render(Map.of("keda.enabled", true, "kafka.topics.create", true));
        assertThat(production.kindsAndNames()).isEqualTo(chart.kindsAndNames());
        assertThat(production.all().stream().map(HasMetadata::getKind).distinct())
                .contains("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy",
                        "ScaledObject", "KafkaTopic");
    }

    @Test
    void everyObjectIsInTheProductionNamespace() {
        assertThat(production.all()).allSatisfy(object ->
                assertThat(object.getMetadata().getNamespace()).as(object.getKind() + "/" + object.getMetadata().getName())
                        .isEqualTo("mailfleet"));
    }

    @Test
    void deploymentsKeepTheWorkloadContract() {
        WorkloadContract.check(production);
    }

    @Test
    void kedaOwnsTheWorkersReplicaCount() {
        for (String worker : new String[] {"spam-filter", "delivery-worker"}) {
            Deployment deployment = production.deployment(worker);
            assertThat(deployment.getSpec().getReplicas()).as(worker).isNull();
        }
        assertThat(production.custom("ScaledObject")).hasSize(2);
    }

    @Test
    void kafkaTopicsAreTheEventsLibrarysTopics() {
        assertThat(production.custom("KafkaTopic")).extracting(topic -> topic.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(Topics.all()));
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
