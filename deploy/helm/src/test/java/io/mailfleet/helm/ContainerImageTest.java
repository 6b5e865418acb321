package io.mailfleet.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mailfleet.helm.Dockerfile.Instruction;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/docker/Dockerfile against what the chart's Deployments expect of the image they run: the user of
 * their securityContext, the fast-jar of a service the repository really has, nothing written outside /tmp.
 */
class ContainerImageTest {

    private static final String FAST_JAR = "${SERVICE}/target/quarkus-app/";

    private final Dockerfile image = Dockerfile.read().finalStage();
    private final Manifests manifests = Chart.render();

    @Test
    void runsAsTheUserTheChartRunsItsPodsAsAndOwnsItsFiles() {
        List<Instruction> users = image.all("USER");
        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.get(users.size() - 1).arguments();
        assertThat(manifests.ofType(Deployment.class)).isNotEmpty().allSatisfy(deployment ->
                assertThat(user).as("USER = %s's runAsUser", deployment.getMetadata().getName())
                        .isEqualTo(String.valueOf(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())));
        assertThat(image.all("COPY")).isNotEmpty()
                .allSatisfy(copy -> assertThat(copy.words()).as(copy.arguments()).contains("--chown=" + user));
        assertThat(image.instructions().indexOf(users.get(users.size() - 1)))
                .as("USER before ENTRYPOINT").isLessThan(image.instructions().indexOf(image.all("ENTRYPOINT").get(0)));
    }

    @Test
    void isTheQuarkusJvmImageOfTheServiceNamedByTheBuildArgument() {
        assertThat(image.all("FROM")).singleElement().extracting(Instruction::arguments).asString()
                .as("UBI 9 OpenJDK 17 runtime, pinned")
                .matches("registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:\\d+\\.\\d+[\\w.-]*");
        // declared after FROM: an ARG before it is out of scope for the COPYs
        assertThat(image.all("ARG")).extracting(Instruction::arguments).contains("SERVICE", "HTTP_PORT");

        Map<String, String> copies = new LinkedHashMap<>();
        for (Instruction copy : image.all("COPY")) {
            List<String> paths = copy.words().stream().filter(word -> !word.startsWith("--")).toList();
            assertThat(paths).as(copy.arguments()).hasSize(2);
            copies.put(paths.get(0), paths.get(1));
        }
        assertThat(copies).as("the fast-jar layout of the quickstarts' Dockerfile.jvm").containsExactly(
                Map.entry(FAST_JAR + "lib/", "/deployments/lib/"),
                Map.entry(FAST_JAR + "*.jar", "/deployments/"),
                Map.entry(FAST_JAR + "app/", "/deployments/app/"),
                Map.entry(FAST_JAR + "quarkus/", "/deployments/quarkus/"));

        assertThat(image.all("EXPOSE")).singleElement().extracting(Instruction::words)
                .isEqualTo(List.of("${HTTP_PORT}"));
        Map<String, String> environment = image.environment();
        assertThat(environment).containsEntry("JAVA_APP_JAR", "/deployments/quarkus-run.jar");
        assertThat(environment.get("JAVA_OPTS_APPEND")).contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        assertThat(image.all("ENTRYPOINT")).singleElement().extracting(Instruction::arguments).asString()
                .contains("/opt/jboss/container/java/run/run-java.sh");
    }

    @Test
    void leavesTheHeapShareToTheChartsJavaToolOptions() {
        // run-java.sh's -XX:MaxRAMPercentage is a command-line option and would win over JAVA_TOOL_OPTIONS
        assertThat(image.environment()).containsEntry("JAVA_MAX_MEM_RATIO", "0");
        for (Deployment deployment : manifests.ofType(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(WorkloadContract.env(container, "JAVA_TOOL_OPTIONS")).as(container.getName())
                    .contains("-XX:MaxRAMPercentage=");
        }
    }

    @Test
    void everyServiceTheChartDeploysIsAQuarkusFastJarTheDockerfileCopies() throws Exception {
        Path root = Repository.root();
        assertThat(pluginGoals(parse(root.resolve("pom.xml")), "pluginManagement"))
                .as("the root pom's quarkus-maven-plugin builds the application").contains("build");
        DockerIgnore context = DockerIgnore.read();
        List<String> services = new ArrayList<>();
        for (Deployment deployment : manifests.ofType(Deployment.class)) {
            String service = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
            services.add(service);
            Path directory = root.resolve(service);
            assertThat(directory.resolve("pom.xml")).as("%s is a module of the repository", service).isRegularFile();
            assertThat(hasPlugin(parse(directory.resolve("pom.xml")), "quarkus-maven-plugin"))
                    .as("%s builds with the quarkus-maven-plugin", service).isTrue();
            // any other package type (uber-jar, native) has no quarkus-app directory to copy
            assertThat(Repository.applicationProperties(service).getProperty("quarkus.package.jar.type", "fast-jar"))
                    .as("%s quarkus.package.jar.type", service).isEqualTo("fast-jar");
            String fastJar = FAST_JAR.replace("${SERVICE}", service);
            for (String file : List.of("quarkus-run.jar", "lib/main/io.smallrye.config.smallrye-config-3.0.jar", "app/" + service + "-0.1.0-SNAPSHOT.jar",
                    "quarkus/generated-bytecode.jar", "quarkus-app-dependencies.txt")) {
                assertThat(context.sends(fastJar + file)).as("build context holds %s%s", fastJar, file).isTrue();
            }
            Path packaged = directory.resolve("target/quarkus-app");
            if (Files.isDirectory(packaged)) {
                // packaged by an earlier phase of this build: the four parts the COPYs name are there
                assertThat(packaged.resolve("quarkus-run.jar")).isRegularFile();
                assertThat(List.of("lib", "app", "quarkus")).allSatisfy(part -> assertThat(packaged.resolve(part)).isDirectory());
            }
        }
        assertThat(services).as("Deployments").containsExactlyInAnyOrderElementsOf(Chart.COMPONENTS);
    }

    @Test
    void buildContextHoldsNothingButTheFastJars() {
        DockerIgnore context = DockerIgnore.read();
        for (String path : List.of("pom.xml", ".git/config", ".mailfleet/secrets", "auth-service/src/main/resources/application.properties",
                "auth-service/target/classes/application.properties", "spam-filter/target/spam-filter-0.1.0-SNAPSHOT.jar",
                "libs/events/target/quarkus-app/quarkus-run.jar", "deploy/docker/build-images")) {
            assertThat(context.sends(path)).as("build context holds %s", path).isFalse();
        }
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** A plugin of project/build/plugins. */
    private static boolean hasPlugin(Document pom, String artifactId) {
        return plugin(pom, "plugins", artifactId) != null;
    }

    private static List<String> pluginGoals(Document pom, String section) {
        Element plugin = plugin(pom, section, "quarkus-maven-plugin");
        List<String> goals = new ArrayList<>();
        if (plugin != null) {
            var nodes = plugin.getElementsByTagName("goal");
            for (int i = 0; i < nodes.getLength(); i++) {
                goals.add(nodes.item(i).getTextContent().strip());
            }
        }
        return goals;
    }

    /** section "plugins": project/build/plugins; "pluginManagement": project/build/pluginManagement/plugins. */
    private static Element plugin(Document pom, String section, String artifactId) {
        Element build = child(pom.getDocumentElement(), "build");
        Element container = build == null ? null
                : "pluginManagement".equals(section) ? child(child(build, "pluginManagement"), "plugins") : child(build, "plugins");
        if (container == null) {
            return null;
        }
        for (Node node = container.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element plugin && artifactId.equals(textOf(child(plugin, "artifactId")))) {
                return plugin;
            }
        }
        return null;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getTagName())) {
                return element;
            }
        }
        return null;
    }

    private static String textOf(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }
}
