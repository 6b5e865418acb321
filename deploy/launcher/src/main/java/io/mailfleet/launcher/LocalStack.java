package io.mailfleet.launcher;

import io.mailfleet.events.KafkaLimits;
import io.mailfleet.events.Topics;
import io.mailfleet.infra.Await;
import io.mailfleet.infra.ChildProcess;
import io.mailfleet.infra.KafkaBroker;
import io.mailfleet.infra.KeycloakServer;
import io.mailfleet.infra.ManagedServer;
import io.mailfleet.infra.PostgresServer;
import io.mailfleet.infra.RedisServer;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform on loopback: Kafka in this JVM; PostgreSQL, Redis, Keycloak and the five
 * services as child processes. Everything started here is stopped by {@link #close()}, which the
 * JVM's shutdown hook calls on Ctrl-C or SIGTERM.
 */
final class LocalStack implements AutoCloseable {

    private static final Duration SERVICE_READY = Duration.ofMinutes(4);

    private final Path root;
    private final Path data;
    private final LocalSecrets secrets;
    private final List<ManagedServer> infrastructure = Collections.synchronizedList(new ArrayList<>());
    private final Map<ServiceSpec, ChildProcess> services = Collections.synchronizedMap(new HashMap<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LeftoverProcesses processes;
    private volatile boolean stopping;
    private final LocalCertificate certificate;

    LocalStack(Path root, Path data, LeftoverProcesses processes) {
        this.root = root;
        this.data = data;
        this.processes = processes;
        this.secrets = new LocalSecrets(data.resolve("secrets.properties"));
        this.certificate = new LocalCertificate(data, secrets.get("MAILFLEET_TLS_KEYSTORE_PASSWORD"));
    }

    void start() {
        long started = System.nanoTime();
        KeycloakServer keycloak = new KeycloakServer(LocalPorts.KEYCLOAK, LocalPorts.KEYCLOAK_MANAGEMENT,
                data.resolve("keycloak"), "admin", secrets.get("MAILFLEET_KEYCLOAK_ADMIN_PASSWORD"));
        // Keycloak takes longest: start it first and in parallel with the rest
        CompletableFuture<Void> keycloakReady = CompletableFuture.runAsync(() -> startInfrastructure(keycloak));

        KafkaBroker kafka = new KafkaBroker(LocalPorts.KAFKA, data.resolve("kafka"), KafkaLimits.broker());
        startInfrastructure(kafka);
        createTopics(kafka);
        startInfrastructure(new PostgresServer(LocalPorts.POSTGRES, data.resolve("postgres")));
        startInfrastructure(new RedisServer(LocalPorts.REDIS, data.resolve("redis")));

        certificate.ensureExists();
        // auth-service starts before Keycloak is ready: it retries its realm set-up and stays unready until done
        Map<String, String> environment = serviceEnvironment(keycloak);
        ServiceSpec.ALL.forEach(spec -> startService(spec, environment));
        keycloakReady.join();

        for (ServiceSpec spec : ServiceSpec.ALL) {
            ChildProcess process = services.get(spec);
            Await.until(spec.module() + " readiness (" + spec.healthUrl() + ")", SERVICE_READY,
                    () -> isReady(spec), process::deathNotice);
            Console.step(spec.module() + " ready on http://127.0.0.1:" + spec.httpPort());
        }
        Console.banner(ServiceSpec.ALL, data, secrets.get("MAILFLEET_OPERATOR_SECRET"), secrets.get("MAILFLEET_DEMO_APP_PASSWORD"),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private void startInfrastructure(ManagedServer server) {
        Console.step("starting " + server.name());
        infrastructure.add(server);
        try {
            server.start();
        } finally {
            processes.record();
        }
        Console.step(server.name() + " ready");
    }

    private static void createTopics(KafkaBroker kafka) {
        try (var admin = kafka.admin()) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.all().stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 4, (short) 1)
                            .configs(Map.of("max.message.bytes", String.valueOf(KafkaLimits.MAX_RECORD_BYTES))))
                    .toList();
            admin.createTopics(missing).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the Mailfleet topics: " + e.getMessage(), e);
        }
    }

    private Map<String, String> serviceEnvironment(KeycloakServer keycloak) {
        String postgres = "postgresql://127.0.0.1:" + LocalPorts.POSTGRES + "/" + PostgresServer.DATABASE;
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + LocalPorts.KAFKA);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + postgres);
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + LocalPorts.REDIS);
        env.put("QUARKUS_REST_CLIENT_DIRECTORY_URL", "http://127.0.0.1:8081");
        env.put("MAILFLEET_KEYCLOAK_URL", keycloak.url());
        env.put("MAILFLEET_KEYCLOAK_ADMIN_USER", keycloak.adminUser());
        env.put("MAILFLEET_KEYCLOAK_ADMIN_PASSWORD", keycloak.adminPassword());
        env.put("MAILFLEET_OPERATOR_SECRET", secrets.get("MAILFLEET_OPERATOR_SECRET"));
        env.put("MAILFLEET_INTERNAL_TOKEN", secrets.get("MAILFLEET_INTERNAL_TOKEN"));
        env.put("MAILFLEET_DKIM_MASTER_KEY", secrets.key("MAILFLEET_DKIM_MASTER_KEY", 32));
        env.put("MAILFLEET_DEMO_APP_PASSWORD", secrets.get("MAILFLEET_DEMO_APP_PASSWORD"));
        env.put("MAILFLEET_DATA_DIR", data.toString());
        env.put("MAILFLEET_SMTP_BIND_HOST", "127.0.0.1");
        env.put("MAILFLEET_SMTP_MX_PORT", String.valueOf(LocalPorts.SMTP_MX));
        env.put("MAILFLEET_SMTP_SUBMISSION_PORT", String.valueOf(LocalPorts.SMTP_SUBMISSION));
        env.put("MAILFLEET_SMTP_SMTPS_PORT", String.valueOf(LocalPorts.SMTPS));
        env.put("MAILFLEET_IMAP_BIND_HOST", "127.0.0.1");
        env.put("MAILFLEET_IMAP_IMAP_PORT", String.valueOf(LocalPorts.IMAP));
        env.put("MAILFLEET_IMAP_IMAPS_PORT", String.valueOf(LocalPorts.IMAPS));
        env.put("MAILFLEET_IMAP_POP3_PORT", String.valueOf(LocalPorts.POP3));
        env.put("MAILFLEET_IMAP_POP3S_PORT", String.valueOf(LocalPorts.POP3S));
        // a laptop often has no route to public DNSBLs: without these, every MX greeting would wait for
        // the lookup timeout. Set them (or MAILFLEET_DNS_SERVERS) in the environment to test the checks.
        defaultUnlessSet(env, "MAILFLEET_SMTP_POLICY_DNSBL_ENABLED", "false");
        defaultUnlessSet(env, "MAILFLEET_SMTP_POLICY_REVERSE_DNS", "false");
        // the seeded demo mailbox receives what is sent to the bare <Postmaster> (RFC 5321 4.1.1.3)
        defaultUnlessSet(env, "MAILFLEET_SMTP_POSTMASTER", "demo@example.test");
        return env;
    }

    private static void defaultUnlessSet(Map<String, String> env, String variable, String value) {
        if (System.getenv(variable) == null) {
            env.put(variable, value);
        }
    }

    private void startService(ServiceSpec spec, Map<String, String> environment) {
        Path jar = root.resolve(spec.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw install -DskipTests");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(spec.httpPort()));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC"));
        if (spec.tlsConfiguration() != null) {
            command.addAll(certificate.registryProperties(spec.tlsConfiguration()));
        }
        command.addAll(List.of("-jar", jar.toString()));
        Console.step("starting " + spec.module());
        services.put(spec, ChildProcess.start(spec.module(), command, env, root,
                data.resolve("logs").resolve(spec.module() + ".log")));
        processes.record();
    }

    private boolean isReady(ServiceSpec spec) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(spec.healthUrl()))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reports services that died while the stack runs; returns false once every service is gone. */
    boolean watch() {
        if (stopping) {
            return true; // services exiting now are being stopped, not dying
        }
        synchronized (services) {
            services.entrySet().removeIf(entry -> {
                String notice = entry.getValue().deathNotice();
                if (notice != null) {
                    Console.warn(notice);
                    return true;
                }
                return false;
            });
            return !services.isEmpty();
        }
    }

    /** Services first (they flush to Kafka and the database), then the infrastructure in reverse order. */
    @Override
    public void close() {
        stopping = true;
        List<CompletableFuture<Void>> stopped;
        synchronized (services) {
            stopped = services.values().stream()
                    .map(process -> CompletableFuture.runAsync(() -> process.stop(Duration.ofSeconds(20))))
                    .toList();
        }
        stopped.forEach(CompletableFuture::join);
        services.clear();
        List<ManagedServer> reversed;
        synchronized (infrastructure) {
            reversed = new ArrayList<>(infrastructure);
        }
        Collections.reverse(reversed);
        for (ManagedServer server : reversed) {
            try {
                server.close();
            } catch (RuntimeException e) {
                Console.warn("stopping " + server.name() + ": " + e.getMessage());
            }
        }
        infrastructure.clear();
    }
}
