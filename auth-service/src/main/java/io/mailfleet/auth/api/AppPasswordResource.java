package io.mailfleet.auth.api;

import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.auth.credentials.AppPasswordGenerator;
import io.mailfleet.auth.credentials.SecretHasher;
import io.mailfleet.auth.directory.AppPassword;
import io.mailfleet.auth.directory.AppPasswordStore;
import io.mailfleet.auth.directory.DirectoryConfig;
import io.mailfleet.auth.problem.ProblemException;
import io.mailfleet.auth.keycloak.RealmNames;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Per-device passwords for IMAP/POP3/SMTP clients: the secret is shown once, only its Argon2id hash is kept. */
@Path("/api/v1/accounts/{accountId}/app-passwords")
@RolesAllowed({RealmNames.OPERATOR_ROLE, RealmNames.TENANT_ADMIN_ROLE})
public class AppPasswordResource {

    public record CreateAppPasswordRequest(@NotBlank @Size(max = 100) String label) {
    }

    /** The only response that ever carries the secret. */
    public record CreatedAppPassword(UUID id, String label, String secret, OffsetDateTime createdAt) {
    }

    private final AppPasswordStore appPasswords;
    private final AppPasswordGenerator generator;
    private final SecretHasher hasher;
    private final TenantAccess access;
    private final AuditLog audit;
    private final DirectoryConfig config;

    public AppPasswordResource(AppPasswordStore appPasswords, AppPasswordGenerator generator, SecretHasher hasher,
                               TenantAccess access, AuditLog audit, DirectoryConfig config) {
        this.appPasswords = appPasswords;
        this.generator = generator;
        this.hasher = hasher;
        this.access = access;
        this.audit = audit;
        this.config = config;
    }

    @POST
    public Uni<RestResponse<CreatedAppPassword>> create(@PathParam("accountId") UUID accountId,
                                                         @NotNull @Valid CreateAppPasswordRequest request) {
        String secret = generator.next();
        return access.account(accountId)
                .flatMap(account -> hasher.hash(secret)
                        .flatMap(hash -> appPasswords.create(account.id(), request.label().trim(), hash, config.maxAppPasswords()))
                        .map(created -> created.orElseThrow(() -> ProblemException.conflict(
                                "the account already has " + config.maxAppPasswords() + " app passwords: revoke one first")))
                        .call(created -> audit.record(AuditEvent.admin(AuditType.APP_PASSWORD_CREATED, account.tenantId(),
                                access.actor(), account.address() + " " + created.id()))))
                .map(created -> Created.at("/api/v1/accounts/" + accountId + "/app-passwords/" + created.id(), new CreatedAppPassword(created.id(), created.label(), secret, created.createdAt())));
    }

    @GET
    public Uni<List<AppPassword>> list(@PathParam("accountId") UUID accountId) {
        return access.account(accountId).flatMap(account -> appPasswords.list(account.id()));
    }

    @DELETE
    @Path("/{appPasswordId}")
    public Uni<RestResponse<Void>> revoke(@PathParam("accountId") UUID accountId, @PathParam("appPasswordId") UUID appPasswordId) {
        return access.account(accountId)
                .call(account -> appPasswords.delete(account.id(), appPasswordId).invoke(deleted -> {
                    if (!deleted) {
                        throw ProblemException.notFound("app password");
                    }
                }))
                .call(account -> audit.record(AuditEvent.admin(AuditType.APP_PASSWORD_REVOKED, account.tenantId(),
                        access.actor(), account.address() + " " + appPasswordId)))
                .map(account -> RestResponse.noContent());
    }
}
