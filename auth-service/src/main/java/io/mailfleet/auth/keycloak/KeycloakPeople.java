package io.mailfleet.auth.keycloak;

import io.mailfleet.auth.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * People and organizations in realm {@code mailfleet}: one Organization per tenant, one user per
 * account who logs in with password + TOTP. The admin client blocks, so every call runs on the worker
 * pool and comes back on the caller's Vert.x context.
 */
@ApplicationScoped
public class KeycloakPeople {

    private final Keycloak keycloak;
    private final KeycloakConfig config;
    private final Vertx vertx;

    public KeycloakPeople(Keycloak keycloak, KeycloakConfig config, Vertx vertx) {
        this.keycloak = keycloak;
        this.config = config;
        this.vertx = vertx;
    }

    /** The tenant's Organization, with its first domain; returns the organization id. */
    public Uni<String> createOrganization(UUID tenantId, String name, String domain) {
        return blocking(() -> {
            OrganizationRepresentation organization = new OrganizationRepresentation();
            organization.setName(name);
            organization.setAlias(tenantId.toString());
            organization.setEnabled(true);
            organization.addDomain(new OrganizationDomainRepresentation(domain));
            organization.setAttributes(Map.of(RealmNames.TENANT_CLAIM, List.of(tenantId.toString())));
            try (Response response = realm().organizations().create(organization)) {
                return createdId(response, "organization " + name);
            }
        });
    }

    public Uni<Void> deleteOrganization(String organizationId) {
        return blocking(() -> {
            try (Response response = realm().organizations().get(organizationId).delete()) {
                return null;
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
                    return null; // already gone: deleting is idempotent
                }
                throw e;
            }
        });
    }

    /**
     * A person of the tenant: username and e-mail are the mail address, the tenant id is an attribute
     * only admins can change, TOTP must be configured before any login. Returns the user id.
     */
    public Uni<String> createPerson(UUID tenantId, String organizationId, String address, String password, String role) {
        return blocking(() -> {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(address);
            user.setEmail(address);
            user.setEmailVerified(true);
            user.setEnabled(true);
            // Keycloak refuses direct grants to users without first and last name ("not fully set up")
            user.setFirstName(address.substring(0, address.indexOf('@')));
            user.setLastName(address.substring(address.indexOf('@') + 1));
            user.setAttributes(Map.of(RealmNames.TENANT_CLAIM, List.of(tenantId.toString())));
            user.setRequiredActions(List.of(RealmNames.CONFIGURE_TOTP));
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
            RealmResource realm = realm();
            String userId;
            try (Response response = realm.users().create(user)) {
                userId = createdId(response, "user " + address);
            }
            try {
                if (role != null) {
                    realm.users().get(userId).roles().realmLevel().add(List.of(realm.roles().get(role).toRepresentation()));
                }
                if (organizationId != null) {
                    realm.organizations().get(organizationId).members().addMember(userId).close();
                }
            } catch (RuntimeException e) {
                realm.users().delete(userId).close(); // no half-made person
                throw e;
            }
            return userId;
        });
    }

    public Uni<Void> deletePerson(String userId) {
        return blocking(() -> {
            try (Response ignored = realm().users().delete(userId)) {
                return null;
            }
        });
    }

    /** Disabled people cannot log in to Keycloak either. */
    public Uni<Void> setEnabled(String userId, boolean enabled) {
        return blocking(() -> {
            var resource = realm().users().get(userId);
            UserRepresentation user = resource.toRepresentation();
            user.setEnabled(enabled);
            resource.update(user);
            return null;
        });
    }

    public Uni<Void> resetPassword(String userId, String password) {
        return blocking(() -> {
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            realm().users().get(userId).resetPassword(credential);
            return null;
        });
    }

    /** Forgets Keycloak's brute-force failures (and the lock they caused) for the user, e.g. after a password reset. */
    public Uni<Void> clearLoginFailures(String userId) {
        return blocking(() -> {
            realm().attackDetection().clearBruteForceForUser(userId);
            return null;
        });
    }

    /**
     * Stores a TOTP credential and clears the pending CONFIGURE_TOTP action. Keycloak's HMAC key is the
     * UTF-8 bytes of {@code keyText} (what authenticator apps get is its Base32 form).
     */
    public Uni<Void> storeTotp(String userId, String keyText) {
        return blocking(() -> {
            var resource = realm().users().get(userId);
            UserRepresentation user = resource.toRepresentation();
            CredentialRepresentation otp = new CredentialRepresentation();
            otp.setType("otp");
            otp.setUserLabel("Mailfleet enrolment");
            otp.setSecretData("{\"value\":\"" + keyText + "\"}");
            otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
            user.setCredentials(List.of(otp));
            user.setRequiredActions(List.of());
            resource.update(user);
            return null;
        });
    }

    private RealmResource realm() {
        return keycloak.realm(config.realm());
    }

    private static String createdId(Response response, String what) {
        if (response.getStatus() == Response.Status.CONFLICT.getStatusCode()) {
            throw ProblemException.conflict(what + " already exists in Keycloak");
        }
        if (response.getStatus() != Response.Status.CREATED.getStatusCode()) {
            throw new KeycloakUnavailableException("Keycloak refused to create " + what + ": HTTP " + response.getStatus());
        }
        return CreatedResponseUtil.getCreatedId(response);
    }

    private <T> Uni<T> blocking(Supplier<T> call) {
        return vertx.executeBlocking(Uni.createFrom().item(call), false)
                .onFailure(failure -> !(failure instanceof ProblemException) && !(failure instanceof KeycloakUnavailableException))
                .transform(failure -> new KeycloakUnavailableException("Keycloak call failed: " + failure.getMessage(), failure));
    }
}
