package io.mailfleet.auth.internal;

import io.mailfleet.auth.directory.RecipientResolver;
import io.mailfleet.directory.AuthResult;
import io.mailfleet.directory.CredentialCheck;
import io.mailfleet.directory.RecipientLookup;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The server side of libs/directory-api's {@code DirectoryClient} (docs/internal-api.md). */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalResource {

    private final RecipientResolver recipients;
    private final Authenticator authenticator;

    public InternalResource(RecipientResolver recipients, Authenticator authenticator) {
        this.recipients = recipients;
        this.authenticator = authenticator;
    }

    @GET
    @Path("/recipients/{address}")
    @Operation(summary = "Where mail for an address goes (always 200)")
    public Uni<RecipientLookup> recipient(@PathParam("address") String address) {
        return recipients.resolve(address);
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
