package io.mailfleet.auth.keycloak;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates or updates realm {@code mailfleet} through the admin API: brute-force detection, the TOTP
 * policy, Organizations, the roles, the operator and CLI clients, and the tenant claim. Every step
 * first looks at what exists, so it runs at each start-up without harm. When Keycloak is not up yet the
 * service starts anyway and retries in the background; readiness stays DOWN until the realm is set up.
 */
@ApplicationScoped
public class RealmSetup {

    private static final Logger LOG = Logger.getLogger(RealmSetup.class);

    private final Keycloak keycloak;
    private final KeycloakConfig config;
    private final AtomicBoolean done = new AtomicBoolean();

    public RealmSetup(Keycloak keycloak, KeycloakConfig config) {
        this.keycloak = keycloak;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        trySetUp();
    }

    @Scheduled(every = "${mailfleet.keycloak.setup-retry:10s}", delayed = "${mailfleet.keycloak.setup-retry:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        if (!done.get()) {
            trySetUp();
        }
    }

    public boolean isDone() {
        return done.get();
    }

    private void trySetUp() {
        try {
            setUp();
            done.set(true);
            LOG.infof("Keycloak realm %s is set up", config.realm());
        } catch (RuntimeException e) {
            LOG.warnf("Keycloak realm %s not set up yet (retrying every %s): %s", config.realm(), config.setupRetry(), e.getMessage());
        }
    }

    private synchronized void setUp() {
        RealmResource realm = realm();
        userProfile(realm);
        RoleRepresentation operator = role(realm, RealmNames.OPERATOR_ROLE, "manages every tenant");
        role(realm, RealmNames.TENANT_ADMIN_ROLE, "manages one tenant (claim " + RealmNames.TENANT_CLAIM + ")");
        operatorClient(realm, operator);
        cliClient(realm);
    }

    private RealmResource realm() {
        RealmRepresentation desired = new RealmRepresentation();
        desired.setRealm(config.realm());
        desired.setEnabled(true);
        int lockoutSeconds = (int) config.bruteForce().lockout().toSeconds();
        desired.setBruteForceProtected(true);
        desired.setPermanentLockout(false);
        desired.setFailureFactor(config.bruteForce().failures());
        desired.setWaitIncrementSeconds(lockoutSeconds);
        desired.setMaxFailureWaitSeconds(lockoutSeconds);
        desired.setMaxDeltaTimeSeconds(lockoutSeconds);
        desired.setOtpPolicyType("totp");
        desired.setOtpPolicyAlgorithm("HmacSHA1");
        desired.setOtpPolicyDigits(6);
        desired.setOtpPolicyPeriod(30);
        desired.setOrganizationsEnabled(true);
        boolean exists = keycloak.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(config.realm()));
        if (exists) {
            keycloak.realm(config.realm()).update(desired);
        } else {
            keycloak.realms().create(desired);
        }
        RealmResource realm = keycloak.realm(config.realm());
        // people must have TOTP: a new user's first login (or direct grant) is refused until it is configured
        var totp = realm.flows().getRequiredAction(RealmNames.CONFIGURE_TOTP);
        if (!totp.isDefaultAction() || !totp.isEnabled()) {
            totp.setEnabled(true);
            totp.setDefaultAction(true);
            realm.flows().updateRequiredAction(RealmNames.CONFIGURE_TOTP, totp);
        }
        return realm;
    }

    /** Attributes such as the tenant id are for admins only: a user must not move into another tenant. */
    private static void userProfile(RealmResource realm) {
        UPConfig profile = realm.users().userProfile().getConfiguration();
        if (profile.getUnmanagedAttributePolicy() != UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT) {
            profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
            realm.users().userProfile().update(profile);
        }
    }

    private static RoleRepresentation role(RealmResource realm, String name, String description) {
        if (realm.roles().list(name, true).stream().noneMatch(role -> role.getName().equals(name))) {
            realm.roles().create(new RoleRepresentation(name, description, false));
        }
        return realm.roles().get(name).toRepresentation();
    }

    private void operatorClient(RealmResource realm, RoleRepresentation operator) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(RealmNames.OPERATOR_CLIENT);
        client.setName("Mailfleet operator automation");
        client.setProtocol("openid-connect");
        client.setPublicClient(false);
        client.setClientAuthenticatorType("client-secret");
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setEnabled(config.operatorSecret().isPresent());
        config.operatorSecret().ifPresent(client::setSecret);
        String id = upsert(realm, client);
        var serviceAccount = realm.clients().get(id).getServiceAccountUser();
        var roles = realm.users().get(serviceAccount.getId()).roles().realmLevel();
        if (roles.listEffective().stream().noneMatch(role -> role.getName().equals(RealmNames.OPERATOR_ROLE))) {
            roles.add(List.of(operator));
        }
    }

    private static void cliClient(RealmResource realm) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(RealmNames.CLI_CLIENT);
        client.setName("Mailfleet command line");
        client.setProtocol("openid-connect");
        client.setPublicClient(true);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(true);
        client.setEnabled(true);
        String id = upsert(realm, client);
        var mappers = realm.clients().get(id).getProtocolMappers();
        if (mappers.getMappers().stream().noneMatch(m -> m.getName().equals(RealmNames.TENANT_CLAIM))) {
            ProtocolMapperRepresentation tenant = new ProtocolMapperRepresentation();
            tenant.setName(RealmNames.TENANT_CLAIM);
            tenant.setProtocol("openid-connect");
            tenant.setProtocolMapper("oidc-usermodel-attribute-mapper");
            tenant.setConfig(Map.of("user.attribute", RealmNames.TENANT_CLAIM, "claim.name", RealmNames.TENANT_CLAIM,
                    "jsonType.label", "String", "access.token.claim", "true", "id.token.claim", "true",
                    "userinfo.token.claim", "true"));
            mappers.createMapper(tenant).close();
        }
    }

    /** Creates the client or brings an existing one to the desired settings; returns its internal id. */
    private static String upsert(RealmResource realm, ClientRepresentation desired) {
        var existing = realm.clients().findByClientId(desired.getClientId());
        if (existing.isEmpty()) {
            realm.clients().create(desired).close();
            return realm.clients().findByClientId(desired.getClientId()).get(0).getId();
        }
        String id = existing.get(0).getId();
        desired.setId(id);
        realm.clients().get(id).update(desired);
        return id;
    }
}
