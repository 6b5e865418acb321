package io.mailfleet.launcher;

import io.mailfleet.infra.Await;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mailfleet dev} as a person meets it: the whole stack comes up on its fixed ports, every
 * service is ready and serves metrics, and SIGTERM leaves no process behind.
 */
class LocalStackIT {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void wholeStackComesUpReadyAndStopsWithoutOrphans() throws Exception {
        Path data = Files.createTempDirectory("mailfleet-stack-test-");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar",
                Path.of("target/mailfleet-launcher.jar").toAbsolutePath().toString(), "dev", "--fresh")
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true);
        builder.environment().put("MAILFLEET_DATA_DIR", data.toString());
        Process launcher = builder.start();
        AtomicBoolean up = new AtomicBoolean();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.startsWith("Mailfleet is up")) {
                        up.set(true);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
        });
        reader.start();
        try {
            Await.until("the local stack", Duration.ofMinutes(5), up::get,
                    () -> launcher.isAlive() ? null : "launcher exited:\n" + output);

            HttpClient http = HttpClient.newHttpClient();
            for (int port : List.of(8081, 8082, 8083, 8084, 8085)) {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode(), port + ": " + ready.body());
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/metrics")).header("Accept", "text/plain").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(metrics.statusCode() == 200 && metrics.body().contains("# TYPE "),
                        port + " metrics: " + metrics.statusCode() + " " + metrics.body().lines().limit(5).toList());
            }
            for (int port : List.of(LocalPorts.SMTP_MX, LocalPorts.SMTP_SUBMISSION, LocalPorts.SMTPS,
                    LocalPorts.IMAP, LocalPorts.IMAPS, LocalPorts.POP3, LocalPorts.POP3S, LocalPorts.KEYCLOAK)) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    // bound and accepting
                }
            }
        } finally {
            List<ProcessHandle> family = launcher.descendants().toList();
            launcher.destroy(); // SIGTERM, as an operator or Ctrl-C would
            boolean exited = launcher.waitFor(90, TimeUnit.SECONDS);
            List<ProcessHandle> orphans = family.stream().filter(ProcessHandle::isAlive).toList();
            orphans.forEach(ProcessHandle::destroyForcibly);
            if (!exited) {
                launcher.destroyForcibly();
            }
            assertTrue(exited, "launcher did not stop within 90 s");
            assertTrue(orphans.isEmpty(), "processes left behind: " + orphans.stream()
                    .map(handle -> handle.pid() + " " + handle.info().command().orElse("?")).toList());
        }
        synchronized (output) {
            assertTrue(output.toString().contains("[mailfleet] stopped"), output.toString());
        }
    }
}
