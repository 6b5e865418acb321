package io.mailfleet.directory;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/**
 * auth-service's internal API (docs/internal-api.md). Base URL: {@code quarkus.rest-client.directory.url}
 * (env {@code QUARKUS_REST_CLIENT_DIRECTORY_URL}); every call carries the service token from
 * {@code mailfleet.internal.token} as a bearer token.
 */
@RegisterRestClient(configKey = "directory")
@RegisterClientHeaders(InternalTokenHeaders.class)
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DirectoryClient {

    /** Always 200 with a {@link RecipientLookup}; unknown addresses have {@code exists=false}. */
    @GET
    @Path("/recipients/{address}")
    Uni<RecipientLookup> recipient(@PathParam("address") String address);

    /** Always 200 with an {@link AuthResult}; the outcome says whether the login is good. */
    @POST
    @Path("/authenticate")
    Uni<AuthResult> authenticate(CredentialCheck check);

    /** Always 200: the tenant's policy, {@link TenantPolicy#defaults} when it set none or is unknown. */
    @GET
    @Path("/tenants/{tenantId}/policy")
    Uni<TenantPolicy> policy(@PathParam("tenantId") String tenantId);

    /** Always 200: the domain's active signing keys, at most one per algorithm, empty when none or not hosted. */
    @GET
    @Path("/dkim-keys/{domain}")
    Uni<List<DkimSigningKey>> dkimKeys(@PathParam("domain") String domain);
}
