package io.mailfleet.auth;

import io.mailfleet.auth.enrolment.Totp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;

import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Onboarding end to end against the real Keycloak: a tenant is created by the operator, its admin
 * enrols TOTP with the setup token, logs in with password + TOTP and manages their tenant — and only it.
 */
@QuarkusTest
class OnboardingTest {

    @Inject
    Keycloak keycloak;

    /** The Keycloak key text behind the Base32 secret an authenticator app is given. */
    private static String keyText(String base32Secret) {
        return new String(new Base32().decode(base32Secret), StandardCharsets.UTF_8);
    }

    private static String enrol(String setupToken) {
        var setup = given().post("/api/v1/enrolment/" + setupToken + "/totp").then().statusCode(200)
                .body("uri", startsWith("otpauth://totp/")).body("digits", equalTo(6)).body("period", equalTo(30))
                .extract().jsonPath();
        String key = keyText(setup.getString("secret"));
        try {
            var qr = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(setup.getString("qrPng"))));
            assertEquals(256, qr.getWidth());
        } catch (java.io.IOException e) {
            throw new AssertionError("qrPng is not a PNG", e);
        }
        given().contentType(ContentType.JSON).body(Map.of("code", "000000".equals(Totp.code(key, Instant.now())) ? "111111" : "000000"))
                .post("/api/v1/enrolment/" + setupToken + "/totp/confirm").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("code", Totp.code(key, Instant.now())))
                .post("/api/v1/enrolment/" + setupToken + "/totp/confirm").then().statusCode(204);
        return key;
    }

    private static RequestSpecification as(String accessToken) {
        return given().auth().oauth2(accessToken);
    }

    @Test
    void tenantAdminEnrolsTotpLogsInAndManagesOnlyTheirTenant() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        var other = Fixtures.tenant(Fixtures.uniqueDomain());
        String otherAccount = Fixtures.account(other.id(), "victim@" + other.domain());
        String admin = "admin@" + domain;

        Fixtures.personToken(admin, tenant.adminPassword(), null).then().statusCode(400) // TOTP not configured yet
                .body("access_token", nullValue());
        String key = enrol(tenant.setupToken());
        given().contentType(ContentType.JSON).body(Map.of("code", Totp.code(key, Instant.now())))
                .post("/api/v1/enrolment/" + tenant.setupToken() + "/totp/confirm").then().statusCode(404); // single use

        String token = Fixtures.personToken(admin, tenant.adminPassword(), Totp.code(key, Instant.now()))
                .then().statusCode(200).extract().jsonPath().getString("access_token");

        as(token).get("/api/v1/tenants/" + tenant.id()).then().statusCode(200).body("name", equalTo("Tenant " + domain));
        as(token).get("/api/v1/tenants").then().statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(tenant.id()));
        var account = as(token).contentType(ContentType.JSON).body(Map.of("address", "staff@" + domain, "password", Fixtures.password()))
                .post("/api/v1/tenants/" + tenant.id() + "/accounts").then().statusCode(201).extract().jsonPath();
        assertTrue(account.getString("setupToken").length() >= 40);
        String secret = as(token).contentType(ContentType.JSON).body(Map.of("label", "phone"))
                .post("/api/v1/accounts/" + account.getString("id") + "/app-passwords").then().statusCode(201)
                .extract().jsonPath().getString("secret");
        given().header("Authorization", "Bearer " + TestSecretsResource.INTERNAL_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("username", "staff@" + domain, "secret", secret, "mechanism", "PLAIN", "protocol", "smtp", "clientIp", "192.0.2.7"))
                .post("/internal/v1/authenticate").then().statusCode(200).body("outcome", equalTo("OK"))
                .body("accountId", equalTo(account.getString("id")));

        // the same Keycloak token works as an OAuth bearer for mail protocols (XOAUTH2), for its own address only
        given().header("Authorization", "Bearer " + TestSecretsResource.INTERNAL_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("username", admin, "secret", token, "mechanism", "XOAUTH2", "protocol", "imap", "clientIp", "192.0.2.8"))
                .post("/internal/v1/authenticate").then().statusCode(200).body("outcome", equalTo("OK"))
                .body("accountId", equalTo(tenant.adminAccountId()));
        given().header("Authorization", "Bearer " + TestSecretsResource.INTERNAL_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("username", "staff@" + domain, "secret", token, "mechanism", "XOAUTH2", "protocol", "imap", "clientIp", "192.0.2.8"))
                .post("/internal/v1/authenticate").then().statusCode(200).body("outcome", equalTo("INVALID"));

        // another tenant's resources do not exist for this admin
        as(token).get("/api/v1/tenants/" + other.id()).then().statusCode(404).contentType("application/problem+json");
        as(token).get("/api/v1/tenants/" + other.id() + "/accounts").then().statusCode(404);
        as(token).get("/api/v1/tenants/" + other.id() + "/accounts/" + otherAccount).then().statusCode(404);
        as(token).get("/api/v1/tenants/" + other.id() + "/domains").then().statusCode(404);
        as(token).get("/api/v1/tenants/" + other.id() + "/audit-events").then().statusCode(404);
        as(token).contentType(ContentType.JSON).body(Map.of("label", "x"))
                .post("/api/v1/accounts/" + otherAccount + "/app-passwords").then().statusCode(404);
        as(token).get("/api/v1/accounts/" + otherAccount + "/app-passwords").then().statusCode(404);
        as(token).contentType(ContentType.JSON).body(Map.of("source", "x@" + other.domain(), "targets", java.util.List.of("a@b.example")))
                .post("/api/v1/tenants/" + other.id() + "/aliases").then().statusCode(404);
        // and only operators create, suspend or delete tenants
        as(token).post("/api/v1/tenants/" + tenant.id() + "/suspend").then().statusCode(403);
        as(token).delete("/api/v1/tenants/" + other.id()).then().statusCode(403);

        // no token without TOTP, nor with a wrong code
        Fixtures.personToken(admin, tenant.adminPassword(), null).then().statusCode(anyOf(equalTo(400), equalTo(401)))
                .body("access_token", nullValue());
        Fixtures.personToken(admin, tenant.adminPassword(), "123456".equals(Totp.code(key, Instant.now())) ? "654321" : "123456")
                .then().statusCode(anyOf(equalTo(400), equalTo(401))).body("access_token", nullValue());
    }

    @Test
    void theApiWantsAToken() {
        given().get("/api/v1/tenants").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/v1/tenants").then().statusCode(401);
        given().post("/api/v1/enrolment/no-such-token/totp").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theRealmIsSetUpWithBruteForceDetectionTotpAndOneOrganizationPerTenant() {
        var realm = keycloak.realm("mailfleet").toRepresentation();
        assertTrue(realm.isBruteForceProtected());
        assertEquals(5, realm.getFailureFactor());
        assertEquals(900, realm.getMaxFailureWaitSeconds());
        assertEquals("totp", realm.getOtpPolicyType());
        assertEquals(6, realm.getOtpPolicyDigits());
        assertEquals(30, realm.getOtpPolicyPeriod());
        assertTrue(realm.isOrganizationsEnabled());

        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        var organizations = keycloak.realm("mailfleet").organizations().search("Tenant " + domain, true, 0, 10);
        assertEquals(1, organizations.size());
        var members = keycloak.realm("mailfleet").organizations().get(organizations.get(0).getId()).members().getAll();
        assertEquals(java.util.List.of("admin@" + domain), members.stream().map(m -> m.getUsername()).toList());

        Fixtures.operator().delete("/api/v1/tenants/" + tenant.id()).then().statusCode(204);
        assertEquals(0, keycloak.realm("mailfleet").organizations().search("Tenant " + domain, true, 0, 10).size());
        assertEquals(0, keycloak.realm("mailfleet").users().search("admin@" + domain, true).size());
    }
}
