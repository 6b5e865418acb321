package io.mailfleet.spam.policy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stub of a peer service, auth-service's internal policy endpoint, on a real HTTP socket (Vert.x, random port): it
 * returns the fixed JSON a test set for a tenant, {@code {}} (auth-service's "no policy set") otherwise, answers 500 for
 * tenants marked broken and never answers for tenants marked hanging. It counts requests per tenant.
 */
public class DirectoryStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String BROKEN = "broken";
    public static final String HANGING = "hanging";

    private static final Map<String, String> POLICIES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    private static Vertx vertx;
    private static HttpServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            vertx = Vertx.vertx();
            try {
                server = vertx.createHttpServer().requestHandler(request -> {
                    String[] path = request.path().split("/");
                    // /internal/v1/tenants/{tenantId}/policy
                    if (path.length != 6 || !request.path().startsWith("/internal/v1/tenants/") || !"policy".equals(path[5])) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    String tenant = path[4];
                    REQUESTS.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
                    if (tenant.startsWith(HANGING)) {
                        return;
                    }
                    if (tenant.startsWith(BROKEN)) {
                        request.response().setStatusCode(500).end();
                        return;
                    }
                    request.response().putHeader("Content-Type", "application/json")
                            .end(POLICIES.getOrDefault(tenant, "{\"tenantId\":\"" + tenant + "\"}"));
                }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the directory stub", e);
            }
        }
        return Map.of("quarkus.rest-client.directory.url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        // kept for the JVM, like the other test servers: Quarkus restarts between test classes reuse it
    }

    public static void policy(String tenantId, String json) {
        POLICIES.put(tenantId, json);
    }

    public static int requests(String tenantId) {
        AtomicInteger count = REQUESTS.get(tenantId);
        return count == null ? 0 : count.get();
    }
}
