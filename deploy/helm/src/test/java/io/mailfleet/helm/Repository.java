package io.mailfleet.helm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** Files of the Mailfleet checkout the chart must agree with: the services' own configuration. */
final class Repository {

    private Repository() {
    }

    /** Surefire runs in the module directory, deploy/helm. */
    static Path root() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = module.getParent().getParent();
        if (!Files.isRegularFile(root.resolve("deploy/helm/pom.xml"))) {
            throw new IllegalStateException("not the Mailfleet checkout: " + root);
        }
        return root;
    }

    static Properties applicationProperties(String service) {
        Path file = root().resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static int httpPort(String service) {
        return Integer.parseInt(applicationProperties(service).getProperty("quarkus.http.port"));
    }

    /**
     * "group@topic" for each fixed consumer group of a service ({@code mp.messaging.incoming.*.group.id}); a group id with an
     * expression (imap-service's per-replica group) is not a shared group and has no lag to scale on.
     */
    static Set<String> consumerGroupsAndTopics(String service) {
        Properties properties = applicationProperties(service);
        Set<String> groups = new TreeSet<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".group.id") && !value.contains("${")) {
                groups.add(value + "@" + properties.getProperty(name.replace(".group.id", ".topic")));
            }
        }
        return groups;
    }
}
