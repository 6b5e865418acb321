package io.mailfleet.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the launcher tells the person at the terminal. */
final class Console {

    private Console() {
    }

    static void step(String message) {
        System.out.println("[mailfleet] " + message);
    }

    static void warn(String message) {
        System.err.println("[mailfleet] WARNING: " + message);
    }

    static void banner(List<ServiceSpec> services, Path data, String operatorSecret, String demoPassword, Duration took) {
        StringBuilder out = new StringBuilder("\n");
        out.append("Mailfleet is up (").append(took.toSeconds()).append(" s). Endpoints:\n");
        for (ServiceSpec spec : services) {
            for (String endpoint : spec.endpoints()) {
                out.append("  ").append(endpoint).append('\n');
            }
        }
        out.append("  Keycloak    http://127.0.0.1:").append(LocalPorts.KEYCLOAK).append("  (realm mailfleet; admin password in ")
                .append(data.resolve("secrets.properties")).append(")\n");
        out.append("  Kafka       127.0.0.1:").append(LocalPorts.KAFKA)
                .append("   PostgreSQL 127.0.0.1:").append(LocalPorts.POSTGRES)
                .append("   Redis 127.0.0.1:").append(LocalPorts.REDIS).append('\n');
        out.append("Health and metrics (service HTTP ports 8081-8085):\n");
        for (ServiceSpec spec : services) {
            out.append(String.format("  %-16s http://127.0.0.1:%d/q/health/ready  /q/metrics%n", spec.module(), spec.httpPort()));
        }
        out.append("TLS: one self-signed certificate for localhost/127.0.0.1 (").append(data.resolve("tls/server.p12"))
                .append("): accept it once in your mail client\n");
        out.append("Demo mailbox: demo@example.test, app password ").append(demoPassword)
                .append("  (IMAP 2143/2993, POP3 2110/2995, submission 2587/2465, host 127.0.0.1)\n");
        out.append("Operator client: mailfleet-operator, secret ").append(operatorSecret).append('\n');
        out.append("Logs: ").append(data.resolve("logs")).append("    Stop: Ctrl-C\n");
        System.out.println(out);
    }
}
