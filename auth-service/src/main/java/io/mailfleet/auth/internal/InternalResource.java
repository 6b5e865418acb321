package io.mailfleet.auth.internal;

import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.directory.RecipientResolver;
import io.mailfleet.auth.dkim.DkimKeyStore;
import io.mailfleet.auth.dkim.KeyVault;
import io.mailfleet.auth.policy.PolicyStore;
import io.mailfleet.directory.AuthResult;
import io.mailfleet.directory.CredentialCheck;
import io.mailfleet.directory.DkimSigningKey;
import io.mailfleet.directory.RecipientLookup;
import io.mailfleet.directory.TenantPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The server side of libs/directory-api's {@code DirectoryClient} (docs/internal-api.md). */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalResource {

    private final RecipientResolver recipients;
    private final Authenticator authenticator;
    private final DkimKeyStore dkimKeys;
    private final KeyVault vault;
    private final PolicyStore policies;

    public InternalResource(RecipientResolver recipients, Authenticator authenticator, DkimKeyStore dkimKeys, KeyVault vault,
                            PolicyStore policies) {
        this.policies = policies;
        this.dkimKeys = dkimKeys;
        this.vault = vault;
        this.recipients = recipients;
        this.authenticator = authenticator;
    }

    @GET
    @Path("/recipients/{address}")
    @Operation(summary = "Where mail for an address goes (always 200)")
    public Uni<RecipientLookup> recipient(@PathParam("address") String address) {
        return recipients.resolve(address);
    }

    /** The domain's active DKIM signing keys (an RSA and/or an Ed25519 one; empty when none or not hosted). */
    @GET
    @Path("/dkim-keys/{domain}")
    @Operation(summary = "Active DKIM signing keys of a hosted domain (always 200)")
    public Uni<List<DkimSigningKey>> dkimKeys(@PathParam("domain") String domain) {
        return Addresses.domain(domain)
                .map(name -> dkimKeys.activeSigningKeys(name).map(keys -> keys.stream()
                        .map(key -> new DkimSigningKey(name, key.selector(), key.algorithm().name(),
                                Base64.getEncoder().encodeToString(vault.decrypt(key.encryptedPrivateKey(), key.id().toString()))))
                        .toList()))
                .orElseGet(() -> Uni.createFrom().item(List.of()));
    }

    /**
     * The tenant's policy; the defaults for a tenant that set none, an unknown tenant and an id that is not a
     * UUID alike (a gateway asking with a garbled id must get an answer it can act on, not an error).
     */
    @GET
    @Path("/tenants/{tenantId}/policy")
    @Operation(summary = "A tenant's mail policy (always 200; defaults when unset or unknown)")
    public Uni<TenantPolicy> policy(@PathParam("tenantId") String tenantId) {
        UUID id;
        try {
            id = UUID.fromString(tenantId.trim());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(TenantPolicy.defaults(tenantId));
        }
        return policies.find(id);
    }

    @POST
    @Path("/authenticate")
    @Operation(summary = "Check a gateway's login attempt (always 200; the outcome says whether it is good)")
    public Uni<AuthResult> authenticate(CredentialCheck check) {
        if (check == null) {
            return authenticator.authenticate(new CredentialCheck(null, null, null, null, null));
        }
        return authenticator.authenticate(check);
    }
}
