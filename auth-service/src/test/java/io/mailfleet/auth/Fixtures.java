package io.mailfleet.auth;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test data through the public API, unique per call so test classes never collide. */
final class Fixtures {

    private Fixtures() {
    }

    static String uniqueDomain() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    /** A random password good enough for the API's length rule; never a constant in the repository. */
    static String password() {
        return UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    record CreatedTenant(String id, String domain, String adminAccountId) {
    }

    static CreatedTenant tenant(String domain) {
        var body = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Tenant " + domain, "domain", domain,
                        "admin", Map.of("address", "admin@" + domain, "password", password())))
                .post("/api/v1/tenants").then().statusCode(201).extract().jsonPath();
        return new CreatedTenant(body.getString("id"), domain, body.getString("adminAccountId"));
    }

    static String account(String tenantId, String address) {
        return given().contentType(ContentType.JSON).body(Map.of("address", address, "password", password()))
                .post("/api/v1/tenants/" + tenantId + "/accounts").then().statusCode(201).extract().jsonPath().getString("id");
    }

    static String appPassword(String accountId) {
        return given().contentType(ContentType.JSON).body(Map.of("label", "phone"))
                .post("/api/v1/accounts/" + accountId + "/app-passwords").then().statusCode(201)
                .extract().jsonPath().getString("secret");
    }

    static void alias(String tenantId, String source, String... targets) {
        given().contentType(ContentType.JSON).body(Map.of("source", source, "targets", java.util.List.of(targets)))
                .post("/api/v1/tenants/" + tenantId + "/aliases").then().statusCode(201);
    }
}
