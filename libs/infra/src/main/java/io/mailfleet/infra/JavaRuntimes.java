package io.mailfleet.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** Finds an installed JDK of at least a given feature version, for child processes such as Keycloak. */
public final class JavaRuntimes {

    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

    private JavaRuntimes() {
    }

    /**
     * The newest JDK under /usr/lib/jvm whose feature version is at least {@code minimum}, else the
     * JDK running this JVM when it qualifies.
     */
    public static Optional<Path> atLeast(int minimum) {
        Optional<Path> installed = Optional.empty();
        if (Files.isDirectory(JVM_DIR)) {
            try (Stream<Path> dirs = Files.list(JVM_DIR)) {
                installed = dirs.filter(dir -> Files.isExecutable(dir.resolve("bin/java")))
                        .filter(dir -> !Files.isSymbolicLink(dir))
                        .filter(dir -> featureVersion(dir) >= minimum)
                        .max(Comparator.comparingInt(JavaRuntimes::featureVersion));
            } catch (IOException e) {
                installed = Optional.empty();
            }
        }
        if (installed.isPresent()) {
            return installed;
        }
        Path current = Path.of(System.getProperty("java.home"));
        return Runtime.version().feature() >= minimum ? Optional.of(current) : Optional.empty();
    }

    static int featureVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return -1;
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException e) {
            return -1;
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        try {
            return Runtime.Version.parse(version).feature();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
