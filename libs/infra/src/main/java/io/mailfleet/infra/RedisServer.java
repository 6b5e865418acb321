package io.mailfleet.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real redis-server as a child process. The binary is, in order: {@code MAILFLEET_REDIS_SERVER},
 * {@code redis-server} on the PATH (Debian's package, which .ci/run installs), or the linux-amd64
 * binary shipped in the embedded-redis Maven artifact.
 */
public final class RedisServer implements ManagedServer {

    private static final String SHIPPED_BINARY = "redis-server-6.2.6-v5-linux-amd64";

    private final int port;
    private final Path dataDir;
    private final boolean temporary;
    private ChildProcess process;

    public RedisServer(int port, Path dataDir) {
        this.port = port;
        this.temporary = dataDir == null;
        this.dataDir = temporary ? Directories.temporary("mailfleet-redis-") : dataDir;
    }

    public static RedisServer ephemeral() {
        return new RedisServer(FreePorts.next(), null);
    }

    @Override
    public String name() {
        return "redis";
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        if (process != null) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--dir", dataDir.toString(),
                "--protected-mode", "yes", "--daemonize", "no"));
        if (temporary) {
            command.addAll(List.of("--save", "", "--appendonly", "no"));
        } else {
            command.addAll(List.of("--appendonly", "yes"));
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new InfrastructureException("cannot create " + dataDir, e);
        }
        process = ChildProcess.start("redis", command, Map.of(), dataDir, dataDir.resolve("redis.log"));
        Await.until("Redis on port " + port, Duration.ofSeconds(30), this::answersPing, process::deathNotice);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = socket.getInputStream().readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    static Path binary() {
        return Environment.get("MAILFLEET_REDIS_SERVER").map(Path::of)
                .or(RedisServer::onPath)
                .or(RedisServer::shipped)
                .orElseThrow(() -> new InfrastructureException("no redis-server: install Debian's redis-server "
                        + "(apt-get install -y redis-server), set MAILFLEET_REDIS_SERVER, or keep "
                        + "com.github.codemonstur:embedded-redis on the classpath (linux-amd64 only)"));
    }

    private static Optional<Path> onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        try (Stream<String> dirs = Stream.of(path.split(":"))) {
            return dirs.filter(dir -> !dir.isBlank())
                    .map(dir -> Path.of(dir, "redis-server"))
                    .filter(Files::isExecutable)
                    .findFirst();
        }
    }

    private static Optional<Path> shipped() {
        if (!"amd64".equals(System.getProperty("os.arch")) && !"x86_64".equals(System.getProperty("os.arch"))) {
            return Optional.empty();
        }
        try (InputStream in = RedisServer.class.getResourceAsStream("/" + SHIPPED_BINARY)) {
            if (in == null) {
                return Optional.empty();
            }
            Path target = Environment.cacheDirectory().resolve(SHIPPED_BINARY);
            if (!Files.isExecutable(target)) {
                Files.createDirectories(target.getParent());
                Path staging = Files.createTempFile(target.getParent(), SHIPPED_BINARY, ".tmp");
                Files.copy(in, staging, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(target);
        } catch (IOException e) {
            throw new InfrastructureException("cannot extract the shipped redis-server: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
            process = null;
        }
        if (temporary) {
            Directories.deleteTree(dataDir);
        }
    }
}
