package io.mailfleet.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running inside this JVM. With a
 * kept data directory it restarts on its data; otherwise the log lives in a temporary directory.
 */
public final class KafkaBroker implements ManagedServer {

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final boolean temporary;
    private final Map<String, String> extraConfig;
    private KafkaRaftServer server;

    public KafkaBroker(int port, Path dataDir, Map<String, String> extraConfig) {
        this.port = port;
        this.controllerPort = FreePorts.next();
        this.temporary = dataDir == null;
        this.dataDir = temporary ? Directories.temporary("mailfleet-kafka-") : dataDir;
        this.extraConfig = Map.copyOf(extraConfig);
    }

    public static KafkaBroker ephemeral(Map<String, String> extraConfig) {
        return new KafkaBroker(FreePorts.next(), null, extraConfig);
    }

    @Override
    public String name() {
        return "kafka";
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "4");
        props.put("auto.create.topics.enable", "true");
        props.putAll(extraConfig);
        try {
            KafkaConfig config = new KafkaConfig(props, false);
            formatOnce();
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (Exception e) {
            server = null;
            throw new InfrastructureException("cannot start Kafka on port " + port + ": " + e.getMessage(), e);
        }
        Await.until("Kafka on port " + port, Duration.ofSeconds(60), this::answers);
    }

    /** Formatting a kept directory again with a new cluster id would fail, so only when meta.properties is missing. */
    private void formatOnce() throws Exception {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(dataDir);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(dataDir.toString())
                .setDirectories(java.util.List.of(dataDir.toString()))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }

    private boolean answers() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            if (temporary) {
                Directories.deleteTree(dataDir);
            }
        }
    }

    /** Runs a broker as its own process: {@code KafkaBroker <port> <dataDir>}; stops on SIGTERM. */
    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker = new KafkaBroker(Integer.parseInt(args[0]), Path.of(args[1]), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }));
        broker.start();
        System.out.println("kafka ready on " + broker.bootstrapServers());
        stopped.await();
    }
}
