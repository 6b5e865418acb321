package io.mailfleet.auth.signup;

import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.keycloak.RealmNames;
import io.mailfleet.auth.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Self-service tenant sign-up, open to the internet and therefore always behind a solved proof-of-work
 * challenge. A request is only recorded for an operator to review; nothing is provisioned from it.
 */
@Path("/api/v1")
public class SignupResource {

    public record SignupRequest(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 253) String domain,
                                @NotBlank @Size(max = 254) String contact, @Valid CaptchaGate.Solution captcha) {
    }

    public record SignupReceived(UUID id, String status) {
    }

    public record PendingSignup(UUID id, String name, String domain, String contact, OffsetDateTime createdAt) {
    }

    private final Captchas captchas;
    private final CaptchaGate gate;
    private final Pool pool;
    private final AuditLog audit;

    public SignupResource(Captchas captchas, CaptchaGate gate, Pool pool, AuditLog audit) {
        this.captchas = captchas;
        this.gate = gate;
        this.pool = pool;
        this.audit = audit;
    }

    @GET
    @Path("/captcha")
    public Uni<Captchas.Challenge> captcha() {
        return captchas.issue();
    }

    @POST
    @Path("/signup")
    public Uni<RestResponse<SignupReceived>> signup(@NotNull @Valid SignupRequest request, @Context HttpServerRequest http) {
        String domain = Addresses.domain(request.domain()).orElseThrow(() -> ProblemException.badRequest("domain is not a valid domain name"));
        String contact = Addresses.mailbox(request.contact()).orElseThrow(() -> ProblemException.badRequest("contact is not a mail address")).toString();
        String clientIp = ClientAddress.of(http);
        UUID id = UUID.randomUUID();
        return gate.admit(clientIp, request.captcha(), true)
                .chain(() -> pool.preparedQuery("INSERT INTO directory.signup_requests (id, name, domain, contact, client_ip) "
                        + "VALUES ($1, $2, $3, $4, $5)").execute(Tuple.of(id, request.name().trim(), domain, contact, clientIp)))
                .call(() -> audit.record(new AuditEvent(UUID.randomUUID(), Instant.now(), null, AuditType.SIGNUP_REQUESTED,
                        contact, domain, "https", clientIp, null, Map.of("name", request.name().trim()))))
                .map(inserted -> RestResponse.accepted(new SignupReceived(id, "received")));
    }

    @GET
    @Path("/signup-requests")
    @RolesAllowed(RealmNames.OPERATOR_ROLE)
    public Uni<List<PendingSignup>> pending() {
        return pool.query("SELECT * FROM directory.signup_requests ORDER BY created_at DESC LIMIT 500").execute().map(rows -> {
            List<PendingSignup> list = new ArrayList<>();
            for (Row row : rows) {
                list.add(new PendingSignup(row.getUUID("id"), row.getString("name"), row.getString("domain"),
                        row.getString("contact"), row.getOffsetDateTime("created_at")));
            }
            return list;
        });
    }
}
