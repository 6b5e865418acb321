package io.mailfleet.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real Keycloak from its distribution on Maven Central, run as a child process in dev mode on a
 * JDK it supports. Its H2 database lives in the given data directory, so the local stack keeps realms
 * across restarts while tests get a fresh one.
 */
public final class KeycloakServer implements ManagedServer {

    /** Keycloak 26.x wants JDK 21+; JDK 17 works but is deprecated for it. */
    private static final int PREFERRED_JAVA = 21;
    /** Covers the one-time build step of a fresh distribution on a slow 2-core machine. */
    private static final Duration STARTUP = Duration.ofMinutes(6);

    private final int httpPort;
    private final int managementPort;
    private final Path dataDir;
    private final boolean temporary;
    private final String adminUser;
    private final String adminPassword;
    private ChildProcess process;

    public KeycloakServer(int httpPort, int managementPort, Path dataDir, String adminUser, String adminPassword) {
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.temporary = dataDir == null;
        this.dataDir = temporary ? Directories.temporary("mailfleet-keycloak-") : dataDir;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** A Keycloak with a fresh database in a temporary directory and a random admin password. */
    public static KeycloakServer ephemeral() {
        return new KeycloakServer(FreePorts.next(), FreePorts.next(), null, "admin", java.util.UUID.randomUUID().toString());
    }

    public static String version() {
        Properties versions = new Properties();
        try (InputStream in = KeycloakServer.class.getResourceAsStream("versions.properties")) {
            versions.load(in);
        } catch (IOException | NullPointerException e) {
            throw new InfrastructureException("versions.properties missing from mailfleet-infra", e);
        }
        return versions.getProperty("keycloak.version");
    }

    @Override
    public String name() {
        return "keycloak";
    }

    @Override
    public synchronized void start() {
        if (process != null) {
            return;
        }
        Path home = KeycloakDistribution.install(version());
        Path javaHome = Environment.get("MAILFLEET_KEYCLOAK_JAVA_HOME").map(Path::of)
                .or(() -> JavaRuntimes.atLeast(PREFERRED_JAVA))
                .or(() -> JavaRuntimes.atLeast(17))
                .orElseThrow(() -> new InfrastructureException(
                        "Keycloak needs a JDK 17+ (21+ preferred): none under /usr/lib/jvm; set MAILFLEET_KEYCLOAK_JAVA_HOME"));
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new InfrastructureException("cannot create " + dataDir, e);
        }
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--db-url=jdbc:h2:file:" + dataDir.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE"));
        Map<String, String> env = Map.of(
                "JAVA_HOME", javaHome.toString(),
                "JAVA", javaHome.resolve("bin/java").toString(),
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                "KC_BOOTSTRAP_ADMIN_USERNAME", adminUser,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        process = ChildProcess.start("keycloak", command, env, home, dataDir.resolve("keycloak.log"));
        // our process must be the one answering: another Keycloak on the port would look ready too
        ChildProcess started = process;
        Await.until("Keycloak on port " + httpPort, STARTUP, () -> started.isAlive() && isReady(), started::deathNotice);
    }

    private boolean isReady() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return adminPassword;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
            process = null;
            if (temporary) {
                Directories.deleteTree(dataDir);
            }
        }
    }
}
