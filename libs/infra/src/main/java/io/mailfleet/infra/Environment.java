package io.mailfleet.infra;

import java.nio.file.Path;
import java.util.Optional;

/** Settings of the infrastructure taken from system properties or environment variables. */
public final class Environment {

    private Environment() {
    }

    /** A system property (lower-case, dotted form of the name) wins over the environment variable. */
    public static Optional<String> get(String variable) {
        String property = System.getProperty(variable.toLowerCase().replace('_', '.'));
        if (property != null && !property.isBlank()) {
            return Optional.of(property);
        }
        return Optional.ofNullable(System.getenv(variable)).filter(value -> !value.isBlank());
    }

    /** The local Maven repository: surefire passes {@code mailfleet.maven.repo}; otherwise the default. */
    public static Path mavenRepository() {
        return get("MAILFLEET_MAVEN_REPO").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /** Where unpacked distributions are kept between runs. */
    public static Path cacheDirectory() {
        return get("MAILFLEET_CACHE").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "mailfleet"));
    }
}
