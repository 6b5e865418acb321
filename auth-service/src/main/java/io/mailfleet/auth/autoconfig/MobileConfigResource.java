package io.mailfleet.auth.autoconfig;

import io.mailfleet.auth.api.TenantAccess;
import io.mailfleet.auth.domaindns.PublicHostsConfig;
import io.mailfleet.auth.keycloak.RealmNames;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** The Apple configuration profile of one account, for an admin to hand to its owner. */
@Path("/api/v1/accounts/{accountId}/mobileconfig")
@RolesAllowed({RealmNames.OPERATOR_ROLE, RealmNames.TENANT_ADMIN_ROLE})
public class MobileConfigResource {

    private static final String MEDIA_TYPE = "application/x-apple-aspen-config";

    private final TenantAccess access;
    private final PublicHostsConfig hosts;

    public MobileConfigResource(TenantAccess access, PublicHostsConfig hosts) {
        this.access = access;
        this.hosts = hosts;
    }

    @GET
    @Produces(MEDIA_TYPE)
    public Uni<RestResponse<String>> profile(@PathParam("accountId") UUID accountId) {
        return access.account(accountId).map(account -> RestResponse.ResponseBuilder
                .ok(AppleMobileConfig.render(account.address(), account.id(), hosts), MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + account.address().replace("\"", "") + ".mobileconfig\"")
                .build());
    }
}
