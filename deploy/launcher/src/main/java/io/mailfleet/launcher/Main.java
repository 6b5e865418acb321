package io.mailfleet.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code mailfleet dev [--fresh]}: runs the local stack until Ctrl-C or SIGTERM. */
public final class Main {

    private static final String USAGE = """
            usage: mailfleet dev [--fresh]
              dev       start Kafka, PostgreSQL, Redis, Keycloak and the five services on loopback
              --fresh   wipe the local data (./.mailfleet, or $MAILFLEET_DATA_DIR) first
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        if (arguments.isEmpty() || !arguments.get(0).equals("dev")
                || arguments.stream().skip(1).anyMatch(argument -> !argument.equals("--fresh"))) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Path root = Path.of("").toAbsolutePath();
        Path data = Optional.ofNullable(System.getenv("MAILFLEET_DATA_DIR")).filter(dir -> !dir.isBlank())
                .map(Path::of).orElse(root.resolve(".mailfleet")).toAbsolutePath();
        LeftoverProcesses processes = new LeftoverProcesses(data);
        int leftovers = processes.stopLeftovers();
        if (leftovers > 0) {
            Console.step("stopped " + leftovers + " process(es) left over from a previous run");
        }
        if (arguments.contains("--fresh")) {
            Console.step("wiping " + data);
            deleteTree(data);
        }
        requireFreePorts();

        LocalStack stack = new LocalStack(root, data, processes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Console.step("stopping …");
            stack.close();
            Console.step("stopped");
            stopped.countDown();
        }, "mailfleet-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            Console.warn(e.getMessage());
            System.exit(1);
        }
        while (stack.watch()) {
            if (stopped.await(2, TimeUnit.SECONDS)) {
                return;
            }
        }
        Console.warn("every service has exited; stopping");
        System.exit(1);
    }

    /** A second stack (or anything else) on the fixed ports would make a confusing half-start. */
    private static void requireFreePorts() {
        int[] ports = {LocalPorts.KAFKA, LocalPorts.POSTGRES, LocalPorts.REDIS, LocalPorts.KEYCLOAK,
                LocalPorts.KEYCLOAK_MANAGEMENT, LocalPorts.SMTP_MX, LocalPorts.SMTP_SUBMISSION, LocalPorts.SMTPS,
                LocalPorts.IMAP, LocalPorts.IMAPS, LocalPorts.POP3, LocalPorts.POP3S, 8081, 8082, 8083, 8084, 8085};
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                Console.warn("port " + port + " is in use (is another ./mailfleet dev running?)");
                System.exit(1);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
