package io.mailfleet.spam.dmarc;

import com.google.common.net.InternetDomainName;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code GET /internal/v1/dmarc/reports?domain=&since=&limit=&tenant=}: the aggregate reports received for a policy domain
 * (with {@code tenant}: only those mailed to that tenant's recipients), as JSON ({@code {"domain", "reports": [...]}}). Guarded by the shared service token like every {@code /internal/*} API (compared
 * in constant time); errors are RFC 9457 problem+json. Plain Vert.x Web routes: the handler never blocks (reactive client).
 */
@ApplicationScoped
public class ReceivedReportRoutes {

    static final String PATH = "/internal/v1/dmarc/reports";
    private static final String BEARER = "Bearer ";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_TENANT_ID = 200;
    private static final Logger LOG = Logger.getLogger(ReceivedReportRoutes.class);

    private final ReceivedReportStore store;
    private final InternalApiConfig internalApi;

    public ReceivedReportRoutes(ReceivedReportStore store, InternalApiConfig internalApi) {
        this.store = store;
        this.internalApi = internalApi;
    }

    void register(@Observes Router router) {
        router.route("/internal/*").order(-100).handler(this::authorize);
        router.get(PATH).handler(this::reports);
    }

    private void authorize(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        String expected = internalApi.token().filter(token -> !token.isBlank()).orElse(null);
        if (expected != null && header != null && header.startsWith(BEARER)
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            context.next();
            return;
        }
        context.response().putHeader("WWW-Authenticate", "Bearer");
        problem(context, 401, "Unauthorized", "a valid service token is required");
    }

    private void reports(RoutingContext context) {
        String domain = context.request().getParam("domain");
        if (domain == null || !InternetDomainName.isValid(domain)) {
            problem(context, 400, "Bad Request", "domain must be a domain name");
            return;
        }
        Instant since;
        int limit;
        try {
            String sinceParam = context.request().getParam("since");
            since = sinceParam == null ? Instant.EPOCH : Instant.parse(sinceParam);
        } catch (DateTimeParseException e) {
            problem(context, 400, "Bad Request", "since must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            return;
        }
        try {
            String limitParam = context.request().getParam("limit");
            limit = limitParam == null ? DEFAULT_LIMIT : Integer.parseInt(limitParam);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            problem(context, 400, "Bad Request", "limit must be between 1 and " + MAX_LIMIT);
            return;
        }
        String tenant = context.request().getParam("tenant");
        if (tenant != null && (tenant.isBlank() || tenant.length() > MAX_TENANT_ID)) {
            problem(context, 400, "Bad Request", "tenant must be a tenant id");
            return;
        }
        String policyDomain = domain.toLowerCase(Locale.ROOT);
        store.reports(policyDomain, since, limit, tenant).subscribe().with(
                reports -> context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(new JsonObject().put("domain", policyDomain).put("reports", reports).encode()),
                failure -> {
                    LOG.errorf("reading DMARC reports for %s failed: %s", policyDomain, failure.toString());
                    problem(context, 503, "Service Unavailable", "the report store is unavailable");
                });
    }

    private static void problem(RoutingContext context, int status, String title, String detail) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail).encode());
    }
}
