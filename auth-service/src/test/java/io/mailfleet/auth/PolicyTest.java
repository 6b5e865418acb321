package io.mailfleet.auth;

import io.mailfleet.directory.AuthResult;
import io.mailfleet.directory.AuthResult.Outcome;
import io.mailfleet.directory.CredentialCheck;
import io.mailfleet.directory.DirectoryClient;
import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.directory.TenantPolicy.SendingLimits;
import io.mailfleet.directory.TenantPolicy.SpamThresholds;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tenant policies: the public API (validation, canonical form, audit, tenant isolation with a real tenant
 * admin token), the internal endpoint through libs/directory-api's own REST client, and ipDeny in
 * {@code authenticate}.
 */
@QuarkusTest
class PolicyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL baseUrl;

    private DirectoryClient directory;

    @BeforeEach
    void client() throws Exception {
        directory = QuarkusRestClientBuilder.newBuilder().baseUri(baseUrl.toURI()).build(DirectoryClient.class);
    }

    private static String policies(String tenantId) {
        return "/api/v1/tenants/" + tenantId + "/policies";
    }

    private static Map<String, Object> fullPolicy() {
        Map<String, Object> policy = new HashMap<>();
        policy.put("ipAllow", List.of("192.0.2.0/24", "2001:DB8:0::/48"));
        policy.put("ipDeny", List.of("198.51.100.7", "203.0.113.0/24", "198.51.100.7/32"));
        policy.put("senderAllow", List.of("Boss@Partner.Example", "bücher.example"));
        policy.put("senderBlock", List.of("spam.example"));
        policy.put("spam", Map.of("junk", 4.5, "quarantine", 8, "reject", 15));
        policy.put("sending", Map.of("messagesPerDay", 500, "recipientsPerMessage", 50));
        return policy;
    }

    @Test
    void aPolicyIsStoredInCanonicalFormReadBackAndAudited() {
        var tenant = Fixtures.tenant(Fixtures.uniqueDomain());
        Fixtures.operator().get(policies(tenant.id())).then().statusCode(200)
                .body("tenantId", equalTo(tenant.id())).body("ipDeny", empty()).body("spam.junk", nullValue())
                .body("sending.messagesPerDay", nullValue());

        Fixtures.operator().contentType(ContentType.JSON).body(fullPolicy()).put(policies(tenant.id())).then().statusCode(200)
                .body("ipAllow", contains("192.0.2.0/24", "2001:db8::/48"))
                .body("ipDeny", contains("198.51.100.7/32", "203.0.113.0/24"))
                .body("senderAllow", contains("boss@partner.example", "xn--bcher-kva.example"))
                .body("spam.quarantine", equalTo(8.0f)).body("sending.recipientsPerMessage", equalTo(50));
        Fixtures.operator().get(policies(tenant.id())).then().statusCode(200)
                .body("ipDeny", contains("198.51.100.7/32", "203.0.113.0/24")).body("senderBlock", contains("spam.example"))
                .body("spam.junk", equalTo(4.5f)).body("spam.reject", equalTo(15.0f)).body("sending.messagesPerDay", equalTo(500));

        // PUT replaces the whole policy: what is left out goes back to the platform default
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("ipDeny", List.of("10.0.0.0/8"))).put(policies(tenant.id()))
                .then().statusCode(200);
        Fixtures.operator().get(policies(tenant.id())).then().body("ipDeny", contains("10.0.0.0/8")).body("ipAllow", empty())
                .body("spam.junk", nullValue()).body("sending.messagesPerDay", nullValue());

        Fixtures.operator().delete(policies(tenant.id())).then().statusCode(204);
        Fixtures.operator().get(policies(tenant.id())).then().statusCode(200).body("ipDeny", empty());

        Fixtures.operator().queryParam("type", "POLICY_CHANGED").get("/api/v1/tenants/" + tenant.id() + "/audit-events")
                .then().statusCode(200).body("size()", equalTo(3)).body("details.ipDeny", containsInAnyOrder("2", "1", "0"));
    }

    @Test
    void invalidPoliciesAreRefusedWithEveryOffendingField() {
        var tenant = Fixtures.tenant(Fixtures.uniqueDomain());
        Map<String, Object> bad = new HashMap<>();
        bad.put("ipAllow", List.of("192.0.2.0/24", "10.1.2.3/8", "300.1.1.1", "mail.example.com"));
        bad.put("ipDeny", List.of("2001:db8::/129"));
        bad.put("senderAllow", List.of("not an address@example.com", "ok.example"));
        bad.put("senderBlock", List.of("-bad-.example"));
        bad.put("spam", Map.of("junk", 6, "quarantine", 5, "reject", 4));
        bad.put("sending", Map.of("messagesPerDay", 0, "recipientsPerMessage", -3));
        Fixtures.operator().contentType(ContentType.JSON).body(bad).put(policies(tenant.id())).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("ipAllow[1]", "ipAllow[2]", "ipAllow[3]", "ipDeny[0]", "senderAllow[0]",
                        "senderBlock[0]", "spam.quarantine", "spam.reject", "spam.reject", "sending.messagesPerDay",
                        "sending.recipientsPerMessage"));

        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("spam", Map.of("junk", 5, "reject", 5))).put(policies(tenant.id()))
                .then().statusCode(200).body("spam.quarantine", nullValue());
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("spam", Map.of("reject", 1e9))).put(policies(tenant.id()))
                .then().statusCode(400).body("errors.field", contains("spam.reject"));
        Fixtures.operator().contentType(ContentType.JSON).body("{\"ipDeny\":[\"192.0.2.1\", null]}").put(policies(tenant.id()))
                .then().statusCode(400).contentType("application/problem+json");
        Fixtures.operator().contentType(ContentType.JSON).body("{\"ipDeny\":\"192.0.2.1\"").put(policies(tenant.id()))
                .then().statusCode(400).contentType("application/problem+json");
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("sending", Map.of("messagesPerDay", "many")))
                .put(policies(tenant.id())).then().statusCode(400).contentType("application/problem+json");
        Fixtures.operator().get(policies(tenant.id())).then().body("spam.junk", equalTo(5.0f)); // the refused PUTs changed nothing
        Fixtures.operator().get(policies(UUID.randomUUID().toString())).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aTenantAdminManagesOnlyTheirOwnTenantsPolicy() {
        var tenant = Fixtures.tenant(Fixtures.uniqueDomain());
        var other = Fixtures.tenant(Fixtures.uniqueDomain());
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("ipDeny", List.of("203.0.113.0/24"))).put(policies(other.id()))
                .then().statusCode(200);
        String token = Fixtures.tenantAdminToken(tenant);

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("senderBlock", List.of("spam.example")))
                .put(policies(tenant.id())).then().statusCode(200).body("senderBlock", contains("spam.example"));
        given().auth().oauth2(token).get(policies(tenant.id())).then().statusCode(200).body("senderBlock", contains("spam.example"));

        given().auth().oauth2(token).get(policies(other.id())).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("ipDeny", List.of()))
                .put(policies(other.id())).then().statusCode(404);
        given().auth().oauth2(token).delete(policies(other.id())).then().statusCode(404);
        Fixtures.operator().get(policies(other.id())).then().body("ipDeny", contains("203.0.113.0/24")); // untouched
        given().get(policies(tenant.id())).then().statusCode(401);
    }

    @Test
    void theInternalEndpointAnswersTheDirectoryClientAlwaysWithAPolicy() {
        var tenant = Fixtures.tenant(Fixtures.uniqueDomain());
        assertEquals(TenantPolicy.defaults(tenant.id()), directory.policy(tenant.id()).await().atMost(TIMEOUT));

        Fixtures.operator().contentType(ContentType.JSON).body(fullPolicy()).put(policies(tenant.id())).then().statusCode(200);
        assertEquals(new TenantPolicy(tenant.id(), List.of("192.0.2.0/24", "2001:db8::/48"), List.of("198.51.100.7/32", "203.0.113.0/24"),
                        List.of("boss@partner.example", "xn--bcher-kva.example"), List.of("spam.example"),
                        new SpamThresholds(4.5, 8.0, 15.0), new SendingLimits(500, 50)),
                directory.policy(tenant.id()).await().atMost(TIMEOUT));

        String unknown = UUID.randomUUID().toString();
        assertEquals(TenantPolicy.defaults(unknown), directory.policy(unknown).await().atMost(TIMEOUT));
        assertEquals(TenantPolicy.defaults("not-a-uuid"), directory.policy("not-a-uuid").await().atMost(TIMEOUT));
        given().get("/internal/v1/tenants/" + tenant.id() + "/policy").then().statusCode(401);
    }

    @Test
    void aLoginFromADeniedNetworkIsRefusedLikeAWrongSecretAndAudited() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String nina = Fixtures.account(tenant.id(), "nina@" + domain);
        String secret = Fixtures.appPassword(nina);
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("ipDeny", List.of("192.0.2.0/24", "2001:db8:bad::/48")))
                .put(policies(tenant.id())).then().statusCode(200);

        assertEquals(Outcome.OK, login("nina@" + domain, secret, "192.0.3.1").outcome());
        AuthResult denied = login("nina@" + domain, secret, "192.0.2.77");
        assertEquals(new AuthResult(Outcome.INVALID, null, null, null, List.of(), 0), denied, "nothing about the account leaks");
        assertEquals(Outcome.INVALID, login("nina@" + domain, secret, "2001:db8:bad::1").outcome());
        assertEquals(Outcome.INVALID, login("nina@" + domain, secret, "::ffff:192.0.2.78").outcome());
        assertEquals(Outcome.OK, login("nina@" + domain, secret, "2001:db8:600d::1").outcome());

        Fixtures.operator().queryParam("type", "AUTHENTICATION").get("/api/v1/tenants/" + tenant.id() + "/audit-events")
                .then().statusCode(200).body("findAll { it.clientIp == '192.0.2.77' }.outcome", contains("INVALID"))
                .body("findAll { it.clientIp == '192.0.2.77' }.details.reason", hasItem(org.hamcrest.Matchers.containsString("denied")));

        // right secrets from a denied network count like wrong ones: the account locks after the limit (5)
        for (int i = 0; i < 5; i++) {
            assertEquals(Outcome.INVALID, login("nina@" + domain, secret, "192.0.2." + (100 + i)).outcome());
        }
        assertEquals(Outcome.LOCKED, login("nina@" + domain, secret, "192.0.3.2").outcome());
    }

    private AuthResult login(String username, String secret, String ip) {
        return directory.authenticate(new CredentialCheck(username, secret, "PLAIN", "smtp", ip)).await().atMost(TIMEOUT);
    }
}
