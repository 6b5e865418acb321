package io.mailfleet.auth.passwordreset;

import io.mailfleet.auth.problem.ProblemException;
import io.mailfleet.auth.signup.CaptchaGate;
import io.mailfleet.auth.signup.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The self-service password reset, open to the internet: a request is answered 202 before the address is
 * even looked up, so neither the answer nor its timing says whether the account exists. Every request counts
 * towards the client IP's CAPTCHA threshold (a count of only the failed ones would tell exactly that), as
 * does every unusable token at confirmation.
 */
@Path("/api/v1/password-reset")
public class PasswordResetResource {

    private static final Logger LOG = Logger.getLogger(PasswordResetResource.class);

    public record ResetRequest(@NotBlank @Size(max = 254) String address, @Valid CaptchaGate.Solution captcha) {
    }

    public record ResetConfirmation(@NotBlank @Size(max = 128) String token, @NotBlank @Size(min = 12, max = 256) String password,
                                    @Valid CaptchaGate.Solution captcha) {
    }

    public record Accepted(String status) {
    }

    private final PasswordResets resets;
    private final CaptchaGate gate;

    public PasswordResetResource(PasswordResets resets, CaptchaGate gate) {
        this.resets = resets;
        this.gate = gate;
    }

    @POST
    public Uni<RestResponse<Accepted>> request(@NotNull @Valid ResetRequest request, @Context HttpServerRequest http) {
        String clientIp = ClientAddress.of(http);
        return gate.admit(clientIp, request.captcha(), false)
                .call(() -> gate.recordFailure(clientIp))
                .invoke(() -> resets.request(request.address(), clientIp).subscribe().with(
                        done -> { }, failure -> LOG.warnf("password reset request not handled: %s", failure.toString())))
                .map(admitted -> RestResponse.accepted(new Accepted("if the address has an account, a reset token is on its way to it")));
    }

    @POST
    @Path("/confirm")
    public Uni<RestResponse<Void>> confirm(@NotNull @Valid ResetConfirmation confirmation, @Context HttpServerRequest http) {
        String clientIp = ClientAddress.of(http);
        return gate.admit(clientIp, confirmation.captcha(), false)
                .chain(() -> resets.confirm(confirmation.token(), confirmation.password(), clientIp))
                .call(done -> done ? Uni.createFrom().voidItem() : gate.recordFailure(clientIp).chain(() -> Uni.createFrom().failure(
                        ProblemException.badRequest("the reset token is unknown, expired or already used"))))
                .map(done -> RestResponse.noContent());
    }
}
