package io.mailfleet.auth;

import io.mailfleet.auth.demo.DemoSeed;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CAPTCHA-guarded self-service sign-up, and the local stack's demo mailbox. */
@QuarkusTest
class SignupAndDemoTest {

    @Inject
    DemoSeed demoSeed;

    @Inject
    RedisDataSource redis;

    record Solved(String id, String solution) {
    }

    private static Solved solvedCaptcha() {
        Map<String, String> solved = Fixtures.solvedCaptcha();
        return new Solved(solved.get("id"), solved.get("solution"));
    }

    private static Map<String, Object> signup(String domain, Solved captcha) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", "Shop " + domain, "domain", domain, "contact", "owner@" + domain));
        if (captcha != null) {
            body.put("captcha", Map.of("id", captcha.id(), "solution", captcha.solution()));
        }
        return body;
    }

    @Test
    void signupNeedsASolvedSingleUseCaptcha() throws Exception {
        String domain = Fixtures.uniqueDomain();
        given().contentType(ContentType.JSON).body(signup(domain, null)).post("/api/v1/signup")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("captcha"));
        var unsolved = given().get("/api/v1/captcha").then().extract().jsonPath();
        given().contentType(ContentType.JSON).body(signup(domain, new Solved(unsolved.getString("id"), "not-a-solution")))
                .post("/api/v1/signup").then().statusCode(400);

        Solved solved = solvedCaptcha();
        given().contentType(ContentType.JSON).body(signup(domain, solved)).post("/api/v1/signup")
                .then().statusCode(202).body("status", equalTo("received"));
        given().contentType(ContentType.JSON).body(signup(domain, solved)).post("/api/v1/signup")
                .then().statusCode(400).contentType("application/problem+json");

        Fixtures.operator().get("/api/v1/signup-requests").then().statusCode(200).body("domain", hasItem(domain));
        given().get("/api/v1/signup-requests").then().statusCode(401);
    }

    @Test
    void anExpiredCaptchaIsRefused() throws Exception {
        Solved solved = solvedCaptcha();
        await().atMost(Duration.ofSeconds(10)).until(() -> !redis.key().exists("mailfleet:captcha:" + solved.id()));
        given().contentType(ContentType.JSON).body(signup(Fixtures.uniqueDomain(), solved)).post("/api/v1/signup")
                .then().statusCode(400);
    }

    @Test
    void theDemoMailboxAcceptsItsAppPasswordAndSeedingTwiceChangesNothing() {
        var login = Map.of("username", "demo@example.test", "secret", TestSecretsResource.DEMO_APP_PASSWORD,
                "mechanism", "PLAIN", "protocol", "imap", "clientIp", "198.51.100.9");
        String accountId = given().header("Authorization", "Bearer " + TestSecretsResource.INTERNAL_TOKEN).contentType(ContentType.JSON)
                .body(login).post("/internal/v1/authenticate").then().statusCode(200).body("outcome", equalTo("OK"))
                .extract().jsonPath().getString("accountId");

        var again = demoSeed.seed().await().atMost(Duration.ofSeconds(30));
        assertEquals(accountId, again.id().toString());
        Fixtures.operator().get("/api/v1/accounts/" + accountId + "/app-passwords").then().statusCode(200).body("$", hasSize(1));
        given().header("Authorization", "Bearer " + TestSecretsResource.INTERNAL_TOKEN)
                .get("/internal/v1/recipients/demo@example.test").then().statusCode(200).body("exists", equalTo(true));
    }
}
