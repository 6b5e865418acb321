package io.mailfleet.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailfleet.infra.Await;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
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
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mailfleet dev} as a person meets it: the whole stack comes up on its fixed ports, every
 * service is ready and serves metrics, an operator onboards a tenant, a message sent to the MX
 * port is read over IMAP and POP3 with an app password, and SIGTERM leaves no process behind.
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
        String operatorSecret = UUID.randomUUID().toString();
        builder.environment().put("MAILFLEET_OPERATOR_SECRET", operatorSecret);
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
            Await.until("the local stack", Duration.ofMinutes(8), up::get,
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
            mailTravelsFromMxToImapAndPop3(operatorSecret);
        } finally {
            launcher.destroy(); // SIGTERM, as an operator or Ctrl-C would
            boolean exited = launcher.waitFor(90, TimeUnit.SECONDS);
            List<ProcessHandle> orphans = processesOf(data);
            orphans.forEach(ProcessHandle::destroyForcibly);
            if (!exited) {
                launcher.destroyForcibly();
            }
            assertTrue(exited, "launcher did not stop within 90 s");
            assertTrue(orphans.isEmpty(), "processes left behind: " + orphans.stream()
                    .map(handle -> handle.pid() + " " + handle.info().command().orElse("?")).toList());
        }
    }

    /**
     * Every process still running for this stack, found by its data directory on the command line
     * (Keycloak, Redis, PostgreSQL) or in the environment (the services): also those a launcher that
     * died abruptly could no longer list as its descendants.
     */
    private static List<ProcessHandle> processesOf(Path data) {
        String dir = data.toString();
        return ProcessHandle.allProcesses()
                .filter(handle -> handle.pid() != ProcessHandle.current().pid())
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(dir)).orElse(false)
                        || environmentOf(handle).contains("MAILFLEET_DATA_DIR=" + dir))
                .toList();
    }

    private static String environmentOf(ProcessHandle handle) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(handle.pid()), "environ"), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void mailTravelsFromMxToImapAndPop3(String operatorSecret) throws Exception {
        StackClient api = new StackClient(operatorSecret);
        String domain = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        JsonNode tenant = api.create("/tenants", "{\"name\":\"E2E\",\"domain\":\"" + domain
                + "\",\"admin\":{\"address\":\"admin@" + domain + "\",\"password\":\"" + UUID.randomUUID() + "\"}}");
        JsonNode account = api.create("/tenants/" + tenant.get("id").asText() + "/accounts",
                "{\"address\":\"alice@" + domain + "\",\"password\":\"" + UUID.randomUUID() + "\"}");
        String appPassword = api.create("/accounts/" + account.get("id").asText() + "/app-passwords",
                "{\"label\":\"e2e\"}").get("secret").asText();
        String subject = "end to end " + UUID.randomUUID();

        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(LocalPorts.SMTP_MX));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom("bob@example.org");
        message.setRecipients(Message.RecipientType.TO, "alice@" + domain);
        message.setSubject(subject);
        message.setText("through smtp-gateway, Kafka, spam-filter and delivery-worker");
        Transport.send(message);

        Properties imap = new Properties();
        imap.put("mail.imap.starttls.enable", "true");
        imap.put("mail.imap.starttls.required", "true");
        // the local stack's certificate is self-signed: trust it explicitly, as a person does once in their
        // client; the host name is still checked against the certificate (127.0.0.1 is among its names)
        imap.put("mail.imap.ssl.checkserveridentity", "true");
        imap.put("mail.imap.ssl.trust", "127.0.0.1");
        try (Store store = Session.getInstance(imap).getStore("imap")) {
            store.connect("127.0.0.1", LocalPorts.IMAP, "alice@" + domain, appPassword);
            Await.until("the message in alice's INBOX", Duration.ofSeconds(60), () -> inboxHasSubject(store, subject));
        }

        Properties pop3 = new Properties();
        pop3.put("mail.pop3.starttls.enable", "true");
        pop3.put("mail.pop3.starttls.required", "true");
        pop3.put("mail.pop3.ssl.trust", "127.0.0.1");
        try (Store store = Session.getInstance(pop3).getStore("pop3")) {
            store.connect("127.0.0.1", LocalPorts.POP3, "alice@" + domain, appPassword);
            assertTrue(inboxHasSubject(store, subject), "the message is not in POP3");
        }
    }

    private static boolean inboxHasSubject(Store store, String subject) {
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message message : inbox.getMessages()) {
                    if (subject.equals(message.getSubject())) {
                        return true;
                    }
                }
                return false;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            throw new AssertionError("reading INBOX failed: " + e.getMessage(), e);
        }
    }
}
