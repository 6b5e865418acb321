package io.mailfleet.auth.internal;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Locale;
import java.util.Optional;

/**
 * OAuth bearer tokens a mail client sends with XOAUTH2 / OAUTHBEARER: verified exactly like the
 * public API's tokens (realm mailfleet's keys, issuer, expiry), then tied to a mail address by the
 * token's {@code email} claim (Keycloak users here have the address as e-mail and username).
 */
@ApplicationScoped
public class BearerTokens {

    private final TenantIdentityProvider identities;

    public BearerTokens(TenantIdentityProvider identities) {
        this.identities = identities;
    }

    /** The address the token was issued to, or empty when the token is not valid. */
    public Uni<Optional<String>> address(String token) {
        return identities.authenticate(new AccessTokenCredential(token))
                .map(identity -> identity.getPrincipal() instanceof JsonWebToken jwt
                        ? Optional.ofNullable(jwt.<String>getClaim("email")).or(() -> Optional.ofNullable(jwt.getName()))
                        .map(address -> address.toLowerCase(Locale.ROOT))
                        : Optional.<String>empty())
                .onFailure().recoverWithItem(Optional.empty());
    }
}
