package io.mailfleet.delivery.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailfleet.directory.RecipientLookup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * auth-service's recipient-lookup contract (docs/internal-api.md) served by a real HTTP server on a
 * random port, with answers the tests register. It checks the bearer token like auth-service does
 * (a fresh random token per run) and answers unknown addresses with {@code exists=false}.
 *
 * <p>Quarkus may load this class in another class loader than the test's, so the answers live in a
 * JDK map kept in the system properties, which both loaders see.
 */
public class DirectoryStub implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "/internal/v1/recipients/";
    private static final String ANSWERS_PROPERTY = "mailfleet.test.directory-stub.answers";
    private static final String UNAUTHORIZED_PROPERTY = "mailfleet.test.directory-stub.unauthorized";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private String token;

    @Override
    public Map<String, String> start() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        token = HexFormat.of().formatHex(secret);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the directory stub", e);
        }
        server.createContext(PREFIX, this::answer);
        server.start();
        return Map.of("quarkus.rest-client.directory.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "mailfleet.internal.token", token);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** An address that is one account's mailbox. */
    public static void account(String address, String tenantId, String accountId) {
        answer(new RecipientLookup(address, true, true, tenantId, List.of(new RecipientLookup.MailboxRef(accountId, address, null))));
    }

    public static void answer(RecipientLookup lookup) {
        try {
            answers().put(lookup.address().toLowerCase(Locale.ROOT), JSON.writeValueAsString(lookup));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Requests refused for a missing or wrong token: must stay 0. */
    public static int unauthorized() {
        return unauthorizedCount().get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> answers() {
        return (Map<String, String>) System.getProperties().computeIfAbsent(ANSWERS_PROPERTY, name -> new ConcurrentHashMap<String, String>());
    }

    private static AtomicInteger unauthorizedCount() {
        return (AtomicInteger) System.getProperties().computeIfAbsent(UNAUTHORIZED_PROPERTY, name -> new AtomicInteger());
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorizedCount().incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            // URI path decoding, not form decoding: '+' in user+tag@ stays a plus
            String address = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String known = answers().get(address.toLowerCase(Locale.ROOT));
            byte[] body = known != null
                    ? known.getBytes(StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(new RecipientLookup(address, true, false, null, List.of()));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
