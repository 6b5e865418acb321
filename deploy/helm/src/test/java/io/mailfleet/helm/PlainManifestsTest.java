package io.mailfleet.helm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** k8s/ holds exactly what the chart renders; -Dmailfleet.k8s.write=true regenerates it instead of checking. */
class PlainManifestsTest {

    @Test
    void generatedManifestsMatchTheChart() throws IOException {
        Path k8s = Repository.root().resolve("k8s");
        Map<String, String> expected = PlainManifests.expected();
        assertThat(expected).containsKeys("base/deployment.yaml", "base/service.yaml", "base/hpa.yaml", "base/pdb.yaml",
                "base/networkpolicy.yaml", "components/keda/scaledobject.yaml", "components/kafka-topics/kafkatopics.yaml");
        boolean write = Boolean.getBoolean("mailfleet.k8s.write");
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path path = k8s.resolve(file.getKey());
            if (write) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            assertThat(path).as("k8s/%s is generated from the chart", file.getKey()).exists();
            assertThat(Files.readString(path)).as("k8s/%s is out of date: regenerate it (see its header)", file.getKey())
                    .isEqualTo(file.getValue());
        }
        String baseKustomization = Files.readString(k8s.resolve("base/kustomization.yaml"));
        expected.keySet().stream().filter(path -> path.startsWith("base/")).map(path -> path.substring("base/".length()))
                .forEach(file -> assertThat(baseKustomization).as("base/kustomization.yaml lists %s", file).contains("- " + file));
    }
}
