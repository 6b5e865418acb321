package io.mailfleet.imap.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * auth-service's internal credential-check contract (docs/internal-api.md) served over a real HTTP socket
 * by the test JVM, because auth-service is another module. Accounts and their passwords are made at
 * runtime by each test; the service token is generated too and must be presented, as in production.
 */
public class DirectoryServerResource implements QuarkusTestResourceLifecycleManager {

    public record Account(String username, String password, String accountId, String tenantId) {
    }

    private static final Map<String, Account> ACCOUNTS = new ConcurrentHashMap<>();
    private static final Map<String, String> OUTCOMES = new ConcurrentHashMap<>();
    /** Bearer tokens issued per username (auth-service checks a Keycloak access token's email against the username). */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final List<JsonObject> CHECKS = new CopyOnWriteArrayList<>();
    private static final String TOKEN = secret();
    private static HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/internal/v1/authenticate", exchange -> {
            JsonObject response;
            int status = 200;
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                response = new JsonObject().put("title", "unauthorized");
            } else {
                JsonObject check = new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                CHECKS.add(check.copy().put("secret", "<redacted>"));
                response = answer(check);
            }
            byte[] body = response.encode().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of(
                "quarkus.rest-client.directory.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "mailfleet.internal.token", TOKEN);
    }

    private static JsonObject answer(JsonObject check) {
        Account account = ACCOUNTS.get(check.getString("username"));
        String forced = account == null ? null : OUTCOMES.get(account.username());
        String mechanism = check.getString("mechanism");
        String expected = account == null ? null
                : mechanism.equals("XOAUTH2") || mechanism.equals("OAUTHBEARER") ? TOKENS.get(account.username()) : account.password();
        boolean ok = expected != null && expected.equals(check.getString("secret"));
        String outcome = forced != null ? forced : ok ? "OK" : "INVALID";
        JsonObject result = new JsonObject().put("outcome", outcome).put("retryAfterSeconds", 0)
                .put("senderAddresses", new JsonArray());
        if (outcome.equals("OK")) {
            result.put("tenantId", account.tenantId()).put("accountId", account.accountId()).put("address", account.username());
        }
        return result;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A fresh account with a random password and a unique account id (tests share one database). */
    public static Account newAccount(String tenantId) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Account account = new Account("user-" + id + "@" + tenantId + ".example", secret(), "acct-" + id, tenantId);
        ACCOUNTS.put(account.username(), account);
        return account;
    }

    /** Points a fixed login (James's scripts use imapuser/password) at a fresh, empty account. */
    public static Account bindFresh(String username, String password, String tenantId) {
        Account account = new Account(username, password, "acct-" + UUID.randomUUID().toString().substring(0, 8), tenantId);
        ACCOUNTS.put(username, account);
        return account;
    }

    /** A fresh bearer token for the account, good for XOAUTH2 and OAUTHBEARER (its password is not). */
    public static String issueToken(Account account) {
        String token = secret();
        TOKENS.put(account.username(), token);
        return token;
    }

    /** Makes auth-service answer this outcome (LOCKED, DISABLED) for the account whatever the password. */
    public static void forceOutcome(Account account, String outcome) {
        OUTCOMES.put(account.username(), outcome);
    }

    /** The credential checks received, secrets redacted. */
    public static List<JsonObject> checks() {
        return List.copyOf(CHECKS);
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
