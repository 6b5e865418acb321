package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/docker/build-images builds the images the chart deploys, under the names the chart gives them. */
class BuildImagesTest {

    private static final Pattern BUILD = Pattern.compile(
            "podman build -f (\\S+) --build-arg SERVICE=(\\S+) --build-arg HTTP_PORT=(\\d+) -t (\\S+) (\\S+)");

    @Test
    void isValidBash() throws Exception {
        Process process = new ProcessBuilder("bash", "-n", BuildImagesScript.path().toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("bash -n: %s", output).isZero();
        assertThat(Files.isExecutable(BuildImagesScript.path())).as("executable").isTrue();
    }

    @Test
    void printsTheImagesTheChartDeploysForTheSameRegistryAndTag() {
        BuildImagesScript.Result printed = BuildImagesScript.run(
                Map.of("REGISTRY", "ghcr.io/acme/mailfleet", "TAG", "1.2.3"), "--print");
        assertThat(printed.exitCode()).as(printed.errors()).isZero();
        assertThat(printed.output()).containsExactlyInAnyOrderElementsOf(
                images(Chart.render(Map.of("image.registry", "ghcr.io/acme/mailfleet", "image.tag", "1.2.3"))));
    }

    @Test
    void defaultsToGhcrAndTheProjectVersionWhichIsTheChartsDefaultTag() throws Exception {
        BuildImagesScript.Result printed = BuildImagesScript.run(Map.of(), "--print");
        assertThat(printed.exitCode()).as(printed.errors()).isZero();
        String version = projectVersion();
        assertThat(printed.output()).isNotEmpty()
                .allSatisfy(image -> assertThat(image).startsWith("ghcr.io/mailfleet/").endsWith(":" + version));
        // the chart's default image.repository values and its default tag (appVersion), whatever its registry
        assertThat(withoutRegistry(printed.output())).containsExactlyInAnyOrderElementsOf(withoutRegistry(images(Chart.render())));
    }

    @Test
    void buildsEachServiceFromTheSharedDockerfileWithItsHttpPortAndPushesOnlyWhenAsked() {
        Manifests manifests = Chart.render(Map.of("image.registry", "registry.test/mf", "image.tag", "2.0.0-rc1"));
        Map<String, String> environment = Map.of("REGISTRY", "registry.test/mf", "TAG", "2.0.0-rc1", "CONTAINER_ENGINE", "podman");

        BuildImagesScript.Result dryRun = BuildImagesScript.run(environment, "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.errors()).isZero();
        List<String> built = new ArrayList<>();
        for (String line : dryRun.output()) {
            Matcher build = BUILD.matcher(line);
            assertThat(build.matches()).as("a build command: %s", line).isTrue();
            assertThat(Path.of(build.group(1))).isEqualTo(Dockerfile.path());
            assertThat(Path.of(build.group(5))).as("build context").isEqualTo(Repository.root());
            Container container = manifests.deployment(build.group(2)).getSpec().getTemplate().getSpec().getContainers().get(0);
            int httpPort = container.getPorts().stream().filter(port -> "http".equals(port.getName())).findFirst().orElseThrow()
                    .getContainerPort();
            assertThat(Integer.parseInt(build.group(3))).as("%s HTTP_PORT", build.group(2)).isEqualTo(httpPort);
            assertThat(build.group(4)).as("%s tag", build.group(2)).isEqualTo(container.getImage());
            built.add(build.group(4));
        }
        assertThat(built).containsExactlyInAnyOrderElementsOf(images(manifests));

        BuildImagesScript.Result pushing = BuildImagesScript.run(environment, "--dry-run", "--push");
        assertThat(pushing.exitCode()).as(pushing.errors()).isZero();
        List<String> expected = new ArrayList<>();
        for (String line : dryRun.output()) {
            expected.add(line);
            expected.add("podman push " + line.substring(line.indexOf(" -t ") + 4, line.lastIndexOf(' ')));
        }
        assertThat(pushing.output()).as("each image pushed right after its build").containsExactlyElementsOf(expected);
    }

    @Test
    void failsClearlyWithoutAContainerEngine(@TempDir Path bin) throws IOException {
        // a PATH with the tools the script needs, but neither docker nor podman
        Path bash = onPath("bash");
        for (String tool : List.of("bash", "sed", "head", "dirname")) {
            Path wrapper = bin.resolve(tool);
            Files.writeString(wrapper, "#!" + bash + "\nexec " + onPath(tool) + " \"$@\"\n");
            assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        }
        BuildImagesScript.Result result = BuildImagesScript.run(Map.of("PATH", bin.toString()));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errors()).contains("neither docker nor podman");
        assertThat(result.output()).isEmpty();
    }

    @Test
    void refusesToBuildBeforeTheFastJarsExist(@TempDir Path checkout) throws IOException {
        // a checkout with nothing packaged: the script finds its repository from its own location
        Path script = checkout.resolve("deploy/docker/build-images");
        Files.createDirectories(script.getParent());
        Files.copy(BuildImagesScript.path(), script);
        Files.copy(Repository.root().resolve("pom.xml"), checkout.resolve("pom.xml"));
        BuildImagesScript.Result result = BuildImagesScript.run(script, Map.of("CONTAINER_ENGINE", "false"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errors()).contains("smtp-gateway/target/quarkus-app").contains("./mvnw -B package -DskipTests");
        assertThat(result.output()).isEmpty();
    }

    @Test
    void rejectsUnknownArguments() {
        BuildImagesScript.Result result = BuildImagesScript.run(Map.of(), "--pish");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errors()).contains("unknown argument --pish").contains("--push");
    }

    private static List<String> images(Manifests manifests) {
        return manifests.ofType(Deployment.class).stream()
                .map(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).toList();
    }

    /** "repository:tag" of each image: the part after the registry (the chart's repositories have no "/"). */
    private static List<String> withoutRegistry(List<String> images) {
        return images.stream().map(image -> image.substring(image.lastIndexOf('/') + 1)).toList();
    }

    private static String projectVersion() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Repository.root().resolve("pom.xml").toFile());
        for (var node = pom.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
            if ("version".equals(node.getNodeName())) {
                return node.getTextContent().strip();
            }
        }
        throw new AssertionError("no project version in pom.xml");
    }

    private static Path onPath(String tool) {
        for (String directory : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not on PATH");
    }
}
