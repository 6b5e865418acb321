package io.mailfleet.smtp.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Stands in for auth-service, which is another team's service: a real HTTP server on a random port
 * answering the JSON of docs/internal-api.md for a small directory. It insists on the internal bearer
 * token, as auth-service does. Secrets are generated per test JVM and handed over in system properties.
 */
public class DirectoryStub implements QuarkusTestResourceLifecycleManager {

    public static final String DOMAIN = "example.test";
    public static final String ALICE = "alice@example.test";
    public static final String BOB = "bob@example.test";
    public static final String TEAM = "team@example.test";
    public static final String UTF8_USER = "jürgen@bücher.example";
    public static final String LOCKED = "locked@example.test";
    public static final String DISABLED = "disabled@example.test";
    /** Tenant t-partner trusts 127.0.0.2 (ipAllow) and refuses 127.0.0.11 (ipDeny). */
    public static final String PARTNER_DOMAIN = "partner.test";
    public static final String CAROL = "carol@partner.test";
    public static final String PARTNER_ALLOWED_IP = "127.0.0.2";
    public static final String PARTNER_DENIED_IP = "127.0.0.11";
    /** Tenant t-limited sends at most 2 messages a day and 2 recipients a message; its accounts cannot log in from 127.0.0.12. */
    public static final String DAVE = "dave@limited.test";
    public static final String LIMITED_DENIED_IP = "127.0.0.12";
    public static final int LIMITED_MESSAGES_PER_DAY = 2;
    public static final int LIMITED_RECIPIENTS_PER_MESSAGE = 2;
    /** Tenant t-slow's policy never comes back in time. */
    public static final String ERIN = "erin@slow.test";
    private static final String TOKEN_PROPERTY = "mailfleet.test.directory.token";
    private static final String PASSWORD_PROPERTY = "mailfleet.test.directory.alice-password";
    private static final String BEARER_PROPERTY = "mailfleet.test.directory.alice-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        secret(TOKEN_PROPERTY);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/v1/recipients/", exchange -> respond(exchange, recipient(exchange)));
        server.createContext("/internal/v1/authenticate", exchange -> respond(exchange, authenticate(exchange)));
        server.createContext("/internal/v1/tenants/", exchange -> respond(exchange, policy(exchange)));
        // one thread per request: the slow tenant's policy must not hold up everything else
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "directory-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return Map.of("quarkus.rest-client.directory.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "mailfleet.internal.token", secret(TOKEN_PROPERTY));
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    public static String alicePassword() {
        return secret(PASSWORD_PROPERTY);
    }

    public static String aliceBearerToken() {
        return secret(BEARER_PROPERTY);
    }

    private static synchronized String secret(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = UUID.randomUUID().toString();
            System.setProperty(property, value);
        }
        return value;
    }

    private static Object recipient(HttpExchange exchange) {
        String address = exchange.getRequestURI().getPath().substring("/internal/v1/recipients/".length());
        String lower = address.toLowerCase(Locale.ROOT);
        String domain = lower.substring(lower.lastIndexOf('@') + 1);
        if (domain.equals(PARTNER_DOMAIN)) {
            boolean exists = lower.equals(CAROL);
            return Map.of("address", address, "hostedDomain", true, "exists", exists, "tenantId", "t-partner",
                    "deliverTo", exists ? List.of(mailbox("a-carol", CAROL, null)) : List.of());
        }
        if (!domain.equals(DOMAIN) && !domain.equals("bücher.example")) {
            return Map.of("address", address, "hostedDomain", false, "exists", false, "deliverTo", List.of());
        }
        String local = lower.substring(0, lower.lastIndexOf('@'));
        int plus = local.indexOf('+');
        String base = (plus < 0 ? local : local.substring(0, plus)) + "@" + domain;
        List<Map<String, Object>> deliverTo = switch (base) {
            case ALICE -> List.of(mailbox("a-alice", ALICE, plus < 0 ? null : local.substring(plus + 1)));
            case BOB -> List.of(mailbox("a-bob", BOB, null));
            case TEAM -> List.of(mailbox("a-alice", ALICE, null), mailbox("a-bob", BOB, null));
            case UTF8_USER -> List.of(mailbox("a-juergen", UTF8_USER, null));
            default -> List.of();
        };
        return Map.of("address", address, "hostedDomain", true, "exists", !deliverTo.isEmpty(), "tenantId", "t-1",
                "deliverTo", deliverTo);
    }

    private static Map<String, Object> mailbox(String accountId, String address, String folder) {
        var mailbox = new java.util.HashMap<String, Object>();
        mailbox.put("accountId", accountId);
        mailbox.put("address", address);
        mailbox.put("folder", folder);
        return mailbox;
    }

    private static Object authenticate(HttpExchange exchange) throws IOException {
        JsonNode check = JSON.readTree(exchange.getRequestBody());
        String username = check.path("username").asText();
        String secret = check.path("secret").asText();
        String mechanism = check.path("mechanism").asText();
        if (username.equals(LOCKED)) {
            return Map.of("outcome", "LOCKED", "senderAddresses", List.of(), "retryAfterSeconds", 900);
        }
        if (username.equals(DISABLED)) {
            return Map.of("outcome", "DISABLED", "senderAddresses", List.of(), "retryAfterSeconds", 0);
        }
        boolean bearer = mechanism.equals("XOAUTH2") || mechanism.equals("OAUTHBEARER");
        String expected = bearer ? aliceBearerToken() : alicePassword();
        if (!secret.equals(expected) || !check.path("protocol").asText().equals("smtp")) {
            return Map.of("outcome", "INVALID", "senderAddresses", List.of(), "retryAfterSeconds", 0);
        }
        switch (username) {
            case ALICE -> {
                return Map.of("outcome", "OK", "tenantId", "t-1", "accountId", "a-alice", "address", ALICE,
                        "senderAddresses", List.of(ALICE, "sales@example.test"), "retryAfterSeconds", 0);
            }
            case DAVE -> {
                return Map.of("outcome", "OK", "tenantId", "t-limited", "accountId", "a-dave", "address", DAVE,
                        "senderAddresses", List.of(DAVE), "retryAfterSeconds", 0);
            }
            case ERIN -> {
                return Map.of("outcome", "OK", "tenantId", "t-slow", "accountId", "a-erin", "address", ERIN,
                        "senderAddresses", List.of(ERIN), "retryAfterSeconds", 0);
            }
            default -> {
            }
        }
        return Map.of("outcome", "INVALID", "senderAddresses", List.of(), "retryAfterSeconds", 0);
    }

    /** GET /internal/v1/tenants/{tenantId}/policy: always 200, defaults for tenants that set nothing. */
    private static Object policy(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        String tenantId = path.substring("/internal/v1/tenants/".length(), path.length() - "/policy".length());
        var policy = new java.util.HashMap<String, Object>();
        policy.put("tenantId", tenantId);
        switch (tenantId) {
            case "t-partner" -> {
                policy.put("ipAllow", List.of(PARTNER_ALLOWED_IP + "/32", "not-a-network"));
                policy.put("ipDeny", List.of(PARTNER_DENIED_IP));
            }
            case "t-limited" -> {
                policy.put("ipDeny", List.of("127.0.0.12/32"));
                policy.put("sending", Map.of("messagesPerDay", LIMITED_MESSAGES_PER_DAY,
                        "recipientsPerMessage", LIMITED_RECIPIENTS_PER_MESSAGE));
            }
            case "t-slow" -> {
                // auth-service hanging: the gateway's own timeout must end the wait
                policy.put("ipDeny", List.of("0.0.0.0/0"));
                LockSupport.parkNanos(Duration.ofSeconds(20).toNanos());
            }
            default -> {
            }
        }
        return policy;
    }

    private static void respond(HttpExchange exchange, Object body) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] bytes;
        int status;
        if (!("Bearer " + secret(TOKEN_PROPERTY)).equals(authorization)) {
            status = 401;
            bytes = new byte[0];
        } else {
            status = 200;
            bytes = JSON.writeValueAsBytes(body);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
