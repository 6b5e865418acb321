package io.mailfleet.launcher;

import java.util.List;

/**
 * One Mailfleet service of the local stack.
 *
 * @param module           Maven module directory, which holds target/quarkus-app/quarkus-run.jar
 * @param tlsConfiguration the Quarkus TLS registry configuration its listeners use, or null
 */
record ServiceSpec(String module, int httpPort, String tlsConfiguration, List<String> endpoints) {

    static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("auth-service", 8081, null, List.of("API         http://127.0.0.1:8081/api/v1  (OpenAPI /q/openapi)")),
            new ServiceSpec("smtp-gateway", 8082, "smtp", List.of(
                    "SMTP MX     127.0.0.1:" + LocalPorts.SMTP_MX,
                    "Submission  127.0.0.1:" + LocalPorts.SMTP_SUBMISSION + " (STARTTLS)",
                    "SMTPS       127.0.0.1:" + LocalPorts.SMTPS + " (implicit TLS)")),
            new ServiceSpec("imap-service", 8083, "mail", List.of(
                    "IMAP        127.0.0.1:" + LocalPorts.IMAP + " (STARTTLS)",
                    "IMAPS       127.0.0.1:" + LocalPorts.IMAPS,
                    "POP3        127.0.0.1:" + LocalPorts.POP3 + " (STLS)",
                    "POP3S       127.0.0.1:" + LocalPorts.POP3S)),
            new ServiceSpec("delivery-worker", 8084, null, List.of()),
            new ServiceSpec("spam-filter", 8085, null, List.of()));

    String healthUrl() {
        return "http://127.0.0.1:" + httpPort + "/q/health/ready";
    }
}
