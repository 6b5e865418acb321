package io.mailfleet.auth.enrolment;

import io.mailfleet.auth.keycloak.KeycloakPeople;
import io.mailfleet.auth.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;

/**
 * TOTP enrolment with the setup token a new person got at creation: no login is possible before it is
 * done (Keycloak's CONFIGURE_TOTP required action), and the token is the only credential it needs.
 */
@Path("/api/v1/enrolment/{token}/totp")
public class EnrolmentResource {

    /** {@code qrPng}: the {@code uri} as a Base64 PNG QR code. */
    public record TotpSetup(String secret, String uri, int digits, int period, String algorithm, String qrPng) {
    }

    public record Confirmation(@NotBlank String code) {
    }

    private final SetupTokens tokens;
    private final KeycloakPeople people;
    private final EnrolmentConfig config;

    public EnrolmentResource(SetupTokens tokens, KeycloakPeople people, EnrolmentConfig config) {
        this.tokens = tokens;
        this.people = people;
        this.config = config;
    }

    /** A new key each call (the last one counts), to be confirmed with a code from the app. */
    @POST
    public Uni<TotpSetup> start(@PathParam("token") String token) {
        String keyText = Totp.newKeyText();
        return enrolment(token)
                .call(enrolment -> tokens.setPendingKey(token, keyText))
                .map(enrolment -> {
                    String uri = Totp.uri(config.issuer(), enrolment.address(), keyText);
                    return new TotpSetup(Totp.base32(keyText), uri, Totp.DIGITS, (int) Totp.PERIOD.toSeconds(), "SHA1",
                            java.util.Base64.getEncoder().encodeToString(QrCodes.png(uri)));
                });
    }

    @POST
    @Path("/confirm")
    public Uni<RestResponse<Void>> confirm(@PathParam("token") String token, @NotNull @Valid Confirmation confirmation) {
        return enrolment(token).flatMap(enrolment -> {
            String keyText = enrolment.pendingKey()
                    .orElseThrow(() -> new ProblemException(Response.Status.CONFLICT, "start the TOTP enrolment first"));
            if (!Totp.verify(keyText, confirmation.code().trim(), Instant.now())) {
                return tokens.countFailure(token).map(usable -> {
                    throw ProblemException.badRequest(usable ? "the code does not match" : "too many wrong codes: the setup token is spent");
                });
            }
            return tokens.consume(token).flatMap(consumed -> {
                if (!consumed) {
                    throw ProblemException.notFound("setup token");
                }
                return people.storeTotp(enrolment.keycloakUserId(), keyText);
            }).map(stored -> RestResponse.<Void>noContent());
        });
    }

    private Uni<SetupTokens.Enrolment> enrolment(String token) {
        return tokens.find(token).map(found -> found.orElseThrow(() -> ProblemException.notFound("setup token")));
    }
}
