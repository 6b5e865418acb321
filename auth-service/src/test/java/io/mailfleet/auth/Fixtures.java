package io.mailfleet.auth;

import io.mailfleet.testing.KeycloakResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test data through the public API, unique per call so test classes never collide. */
final class Fixtures {

    private static String operatorToken;
    private static long operatorTokenExpires;

    private Fixtures() {
    }

    /** A request as the operator: a client-credentials token of mailfleet-operator from the real Keycloak. */
    static synchronized RequestSpecification operator() {
        if (operatorToken == null || System.currentTimeMillis() > operatorTokenExpires) {
            var token = keycloak()
                    .formParam("grant_type", "client_credentials").formParam("client_id", "mailfleet-operator")
                    .formParam("client_secret", TestSecretsResource.OPERATOR_SECRET)
                    .post("/realms/mailfleet/protocol/openid-connect/token").then().statusCode(200).extract().jsonPath();
            operatorToken = token.getString("access_token");
            operatorTokenExpires = System.currentTimeMillis() + (token.getLong("expires_in") - 30) * 1000;
        }
        return given().auth().oauth2(operatorToken);
    }

    private static RequestSpecification keycloak() {
        java.net.URI url = java.net.URI.create(KeycloakResource.url());
        return RestAssured.given().baseUri(url.getScheme() + "://" + url.getHost()).port(url.getPort());
    }

    /** A person's token from the public client: password and TOTP code (direct-access grant). */
    static io.restassured.response.Response personToken(String username, String password, String totp) {
        var request = keycloak()
                .formParam("grant_type", "password").formParam("client_id", "mailfleet-cli")
                .formParam("username", username).formParam("password", password);
        if (totp != null) {
            request.formParam("totp", totp);
        }
        return request.post("/realms/mailfleet/protocol/openid-connect/token");
    }

    static String uniqueDomain() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    /** A random password good enough for the API's length rule; never a constant in the repository. */
    static String password() {
        return UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    record CreatedTenant(String id, String domain, String adminAccountId, String adminPassword, String setupToken) {
    }

    static CreatedTenant tenant(String domain) {
        String password = password();
        var body = operator().contentType(ContentType.JSON)
                .body(Map.of("name", "Tenant " + domain, "domain", domain,
                        "admin", Map.of("address", "admin@" + domain, "password", password)))
                .post("/api/v1/tenants").then().statusCode(201).extract().jsonPath();
        return new CreatedTenant(body.getString("id"), domain, body.getString("adminAccountId"), password, body.getString("setupToken"));
    }

    /** Enrols TOTP with a setup token through the API; returns the Keycloak key text (for {@code Totp.code}). */
    static String enrolTotp(String setupToken) {
        String secret = given().post("/api/v1/enrolment/" + setupToken + "/totp").then().statusCode(200)
                .extract().jsonPath().getString("secret");
        String key = new String(new org.apache.commons.codec.binary.Base32().decode(secret), java.nio.charset.StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).body(Map.of("code", io.mailfleet.auth.enrolment.Totp.code(key, java.time.Instant.now())))
                .post("/api/v1/enrolment/" + setupToken + "/totp/confirm").then().statusCode(204);
        return key;
    }

    /** The tenant admin's access token: TOTP enrolment, then password + TOTP through the public client, as a person would. */
    static String tenantAdminToken(CreatedTenant tenant) {
        String key = enrolTotp(tenant.setupToken());
        return personToken("admin@" + tenant.domain(), tenant.adminPassword(), io.mailfleet.auth.enrolment.Totp.code(key, java.time.Instant.now()))
                .then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    /** A solved proof-of-work challenge {@code {"id","solution"}}, found the way a browser would: by trying. */
    static Map<String, String> solvedCaptcha() {
        var captcha = given().get("/api/v1/captcha").then().statusCode(200)
                .body("algorithm", org.hamcrest.Matchers.equalTo("sha256-leading-zero-bits")).extract().jsonPath();
        String challenge = captcha.getString("challenge");
        int difficulty = captcha.getInt("difficulty");
        try {
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            for (long nonce = 0; ; nonce++) {
                byte[] digest = sha256.digest((challenge + ":" + nonce).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (new java.math.BigInteger(1, digest).bitLength() <= 256 - difficulty) {
                    return Map.of("id", captcha.getString("id"), "solution", Long.toString(nonce));
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String account(String tenantId, String address) {
        return operator().contentType(ContentType.JSON).body(Map.of("address", address, "password", password()))
                .post("/api/v1/tenants/" + tenantId + "/accounts").then().statusCode(201).extract().jsonPath().getString("id");
    }

    static String appPassword(String accountId) {
        return operator().contentType(ContentType.JSON).body(Map.of("label", "phone"))
                .post("/api/v1/accounts/" + accountId + "/app-passwords").then().statusCode(201)
                .extract().jsonPath().getString("secret");
    }

    static void alias(String tenantId, String source, String... targets) {
        operator().contentType(ContentType.JSON).body(Map.of("source", source, "targets", java.util.List.of(targets)))
                .post("/api/v1/tenants/" + tenantId + "/aliases").then().statusCode(201);
    }
}
