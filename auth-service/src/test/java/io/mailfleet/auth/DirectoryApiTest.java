package io.mailfleet.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** The public directory API against a real PostgreSQL (and Kafka, Redis for the rest of the service). */
@QuarkusTest
class DirectoryApiTest {

    @Test
    void tenantIsCreatedWithItsFirstDomainAndAdmin() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);

        Fixtures.operator().get("/api/v1/tenants/" + tenant.id()).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("name", equalTo("Tenant " + domain));
        Fixtures.operator().get("/api/v1/tenants/" + tenant.id() + "/domains").then().statusCode(200)
                .body("name", equalTo(List.of(domain)));
        Fixtures.operator().get("/api/v1/tenants/" + tenant.id() + "/accounts").then().statusCode(200)
                .body("address", equalTo(List.of("admin@" + domain))).body("role", equalTo(List.of("TENANT_ADMIN")));
    }

    @Test
    void aDomainBelongsToOneTenantOnly() {
        String domain = Fixtures.uniqueDomain();
        Fixtures.tenant(domain);
        var other = Fixtures.tenant(Fixtures.uniqueDomain());

        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("name", domain.toUpperCase()))
                .post("/api/v1/tenants/" + other.id() + "/domains").then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));
        Fixtures.operator().contentType(ContentType.JSON)
                .body(Map.of("name", "Again " + domain, "domain", domain, "admin", Map.of("address", "x@" + domain, "password", Fixtures.password())))
                .post("/api/v1/tenants").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void badRequestsAreProblemDetails() {
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("name", "No admin", "domain", Fixtures.uniqueDomain()))
                .post("/api/v1/tenants").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Bad Request")).body("errors.field", hasItem("admin"));
        Fixtures.operator().contentType(ContentType.JSON).body("{\"name\": ")
                .post("/api/v1/tenants").then().statusCode(400).contentType("application/problem+json")
                .body(not(containsString("Exception")));
        String domain = Fixtures.uniqueDomain();
        Fixtures.operator().contentType(ContentType.JSON)
                .body(Map.of("name", "Elsewhere", "domain", domain, "admin", Map.of("address", "admin@other.example", "password", Fixtures.password())))
                .post("/api/v1/tenants").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("tenant's domain"));
        Fixtures.operator().contentType(ContentType.JSON)
                .body(Map.of("name", "Short", "domain", domain, "admin", Map.of("address", "admin@" + domain, "password", "short")))
                .post("/api/v1/tenants").then().statusCode(400).body("errors.field", hasItem("password"));
        Fixtures.operator().get("/api/v1/tenants/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        Fixtures.operator().get("/api/v1/tenants/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("tenant not found"));
    }

    @Test
    void accountsAreCreatedDisabledGivenQuotaAndDeleted() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String accounts = "/api/v1/tenants/" + tenant.id() + "/accounts";

        String id = Fixtures.account(tenant.id(), "Alice@" + domain.toUpperCase());
        Fixtures.operator().get(accounts + "/" + id).then().statusCode(200)
                .body("address", equalTo("alice@" + domain)).body("status", equalTo("ACTIVE"))
                .body("quotaBytes", equalTo(1073741824));
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("address", "alice@" + domain, "password", Fixtures.password()))
                .post(accounts).then().statusCode(409);
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("address", "bob@not-hosted.example", "password", Fixtures.password()))
                .post(accounts).then().statusCode(400).body("detail", containsString("add the domain first"));

        Fixtures.operator().post(accounts + "/" + id + "/disable").then().statusCode(200).body("status", equalTo("DISABLED"));
        Fixtures.operator().post(accounts + "/" + id + "/enable").then().statusCode(200).body("status", equalTo("ACTIVE"));
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("quotaBytes", 5000)).put(accounts + "/" + id + "/quota")
                .then().statusCode(200).body("quotaBytes", equalTo(5000));
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("quotaBytes", -1)).put(accounts + "/" + id + "/quota")
                .then().statusCode(400).contentType("application/problem+json");

        Fixtures.operator().delete(accounts + "/" + id).then().statusCode(204);
        Fixtures.operator().get(accounts + "/" + id).then().statusCode(404);
        Fixtures.operator().delete(accounts + "/" + id).then().statusCode(404);
    }

    @Test
    void aliasesListsAndCatchAllsAreValidated() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String aliases = "/api/v1/tenants/" + tenant.id() + "/aliases";
        Fixtures.account(tenant.id(), "alice@" + domain);

        Fixtures.alias(tenant.id(), "team@" + domain, "alice@" + domain, "partner@remote.example");
        Fixtures.alias(tenant.id(), "@" + domain, "alice@" + domain);
        Fixtures.operator().get(aliases).then().statusCode(200).body("source", hasItems("team@" + domain, "@" + domain));

        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("source", "alice@" + domain, "targets", List.of("x@remote.example")))
                .post(aliases).then().statusCode(409).body("detail", containsString("is an account"));
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("source", "team@" + domain, "targets", List.of("x@remote.example")))
                .post(aliases).then().statusCode(409);
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("source", "x@" + domain, "targets", List.of()))
                .post(aliases).then().statusCode(400);
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("source", "x@" + domain, "targets", List.of("not an address")))
                .post(aliases).then().statusCode(400);
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("source", "x@elsewhere.example", "targets", List.of("alice@" + domain)))
                .post(aliases).then().statusCode(400).body("detail", containsString("does not host"));
    }

    @Test
    void appPasswordSecretIsShownOnceAndCanBeRevoked() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String accountId = Fixtures.account(tenant.id(), "carol@" + domain);
        String base = "/api/v1/accounts/" + accountId + "/app-passwords";

        var created = Fixtures.operator().contentType(ContentType.JSON).body(Map.of("label", "laptop")).post(base)
                .then().statusCode(201).body("secret", matchesPattern("[a-z2-9]{5}(-[a-z2-9]{5}){3}"))
                .extract().jsonPath();
        String id = created.getString("id");

        Fixtures.operator().get(base).then().statusCode(200).body("$", hasSize(1)).body("label", equalTo(List.of("laptop")))
                .body("[0]", not(hasKey("secret"))).body("[0]", not(hasKey("hash")));
        Fixtures.operator().delete(base + "/" + id).then().statusCode(204);
        Fixtures.operator().get(base).then().statusCode(200).body("$", hasSize(0));
        Fixtures.operator().delete(base + "/" + id).then().statusCode(404).contentType("application/problem+json");
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("label", "x")).post("/api/v1/accounts/" + java.util.UUID.randomUUID() + "/app-passwords")
                .then().statusCode(404);
    }

    @Test
    void adminChangesAreAuditedAndFilterable() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        Fixtures.account(tenant.id(), "dave@" + domain);
        String events = "/api/v1/tenants/" + tenant.id() + "/audit-events";

        Fixtures.operator().get(events).then().statusCode(200).body("type", hasItems("TENANT_CREATED", "ACCOUNT_CREATED"))
                .body("tenantId", everyItem(equalTo(tenant.id())));
        Fixtures.operator().queryParam("type", "ACCOUNT_CREATED").get(events).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].subject", equalTo("dave@" + domain)).body("[0].at", notNullValue());
        Fixtures.operator().queryParam("from", "2100-01-01T00:00:00Z").get(events).then().statusCode(200).body("$", hasSize(0));
        Fixtures.operator().queryParam("type", "NO_SUCH_TYPE").get(events).then().statusCode(400).contentType("application/problem+json");
        Fixtures.operator().queryParam("from", "yesterday").get(events).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void suspendingAndDeletingATenant() {
        var tenant = Fixtures.tenant(Fixtures.uniqueDomain());
        Fixtures.operator().post("/api/v1/tenants/" + tenant.id() + "/suspend").then().statusCode(200).body("status", equalTo("SUSPENDED"));
        Fixtures.operator().post("/api/v1/tenants/" + tenant.id() + "/resume").then().statusCode(200).body("status", equalTo("ACTIVE"));
        Fixtures.operator().delete("/api/v1/tenants/" + tenant.id()).then().statusCode(204);
        Fixtures.operator().get("/api/v1/tenants/" + tenant.id()).then().statusCode(404);
        Fixtures.operator().get("/api/v1/tenants/" + tenant.id() + "/accounts").then().statusCode(404);
    }

    @Test
    void openApiDescribesThePublicApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/tenants")).body("paths", hasKey("/api/v1/accounts/{accountId}/app-passwords"));
    }
}
