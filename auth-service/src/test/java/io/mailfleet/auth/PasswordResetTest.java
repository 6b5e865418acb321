package io.mailfleet.auth;

import io.mailfleet.auth.enrolment.Totp;
import io.mailfleet.events.Direction;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.testing.KafkaResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Self-service password reset against real Kafka (the token travels as a message on mail.inbound), Redis
 * (tokens, CAPTCHA failure counters) and Keycloak (the new password works with TOTP, the old one does not),
 * and the CAPTCHA that the self-service endpoints want after 3 failures from one client IP.
 */
@QuarkusTest
class PasswordResetTest {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{20,})\"");

    @Inject
    RedisDataSource redis;

    private static String randomIp() {
        var random = ThreadLocalRandom.current();
        return "172.16." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** A request from a client at {@code ip}, as the trusted proxy (loopback in tests) forwards it. */
    private static RequestSpecification from(String ip) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    /** The reset message submitted for this address, read from mail.inbound. */
    private static MailRecord resetMessageFor(String address) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reset-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("mail.inbound"));
            MailRecord[] found = new MailRecord[1];
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    MailRecord mail = MailRecord.from(record);
                    if (mail.envelope().recipients().stream().anyMatch(r -> r.address().equals(address))) {
                        found[0] = mail;
                    }
                }
                return found[0] != null;
            });
            return found[0];
        }
    }

    private static String token(MailRecord mail) {
        Matcher matcher = TOKEN.matcher(new String(mail.content(), StandardCharsets.UTF_8));
        assertTrue(matcher.find(), "the message carries the token");
        return matcher.group(1);
    }

    @Test
    void theTokenReachesTheOwnMailboxAndSetsTheKeycloakPasswordOnce() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String admin = "admin@" + domain;
        String totpKey = Fixtures.enrolTotp(tenant.setupToken());
        String ip = randomIp();

        from(ip).body(body("address", "Admin@" + domain.toUpperCase())).post("/api/v1/password-reset").then().statusCode(202);
        MailRecord mail = resetMessageFor(admin);
        assertEquals(Direction.SUBMISSION, mail.envelope().direction());
        assertEquals(List.of(Recipient.local(admin, tenant.id(), tenant.adminAccountId())), mail.envelope().recipients());
        String text = new String(mail.content(), StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\nSubject: Password reset for " + admin + "\r\n") && text.contains("Auto-Submitted: auto-generated"), text);
        assertTrue(text.contains(ip), "the message names the requesting IP");
        assertEquals(mail.content().length, mail.envelope().size());
        String token = token(mail);

        String newPassword = Fixtures.password();
        from(ip).body(body("token", token, "password", "short")).post("/api/v1/password-reset/confirm").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("password"));
        from(ip).body(body("token", token, "password", newPassword)).post("/api/v1/password-reset/confirm").then().statusCode(204);
        from(ip).body(body("token", token, "password", Fixtures.password())).post("/api/v1/password-reset/confirm").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("token"));

        Fixtures.personToken(admin, tenant.adminPassword(), Totp.code(totpKey, Instant.now())).then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(401)));
        Fixtures.personToken(admin, newPassword, Totp.code(totpKey, Instant.now())).then().statusCode(200);

        Fixtures.operator().queryParam("type", "PASSWORD_RESET_REQUESTED").get("/api/v1/tenants/" + tenant.id() + "/audit-events")
                .then().statusCode(200).body("[0].outcome", equalTo("SENT")).body("[0].clientIp", equalTo(ip))
                .body("toString()", org.hamcrest.Matchers.not(containsString(token)));
        Fixtures.operator().queryParam("type", "PASSWORD_RESET").get("/api/v1/tenants/" + tenant.id() + "/audit-events")
                .then().statusCode(200).body("[0].actor", equalTo("self-service")).body("[0].subject", equalTo(admin));
    }

    @Test
    void theAnswerNeverTellsWhetherTheAccountExists() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String disabled = Fixtures.account(tenant.id(), "gone@" + domain);
        Fixtures.operator().post("/api/v1/tenants/" + tenant.id() + "/accounts/" + disabled + "/disable").then().statusCode(200);

        String expected = from(randomIp()).body(body("address", "admin@" + domain)).post("/api/v1/password-reset")
                .then().statusCode(202).extract().asString();
        for (String address : List.of("nobody@" + domain, "gone@" + domain, "someone@not-hosted.example", "not an address")) {
            assertEquals(expected, from(randomIp()).body(body("address", address)).post("/api/v1/password-reset")
                    .then().statusCode(202).extract().asString(), address);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Fixtures.operator().queryParam("type", "PASSWORD_RESET_REQUESTED")
                .get("/api/v1/tenants/" + tenant.id() + "/audit-events").then().statusCode(200)
                .body("findAll { it.subject == 'gone@" + domain + "' }.outcome", hasItem("IGNORED")));
    }

    @Test
    void anUnusedTokenExpires() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String ip = randomIp();
        from(ip).body(body("address", "admin@" + domain)).post("/api/v1/password-reset").then().statusCode(202);
        String token = token(resetMessageFor("admin@" + domain));
        String key = "mailfleet:password-reset:token:" + sha256Hex(token);
        assertTrue(redis.key().exists(key), "only the token's hash is stored");
        await().atMost(Duration.ofSeconds(30)).until(() -> !redis.key().exists(key));
        from(ip).body(body("token", token, "password", Fixtures.password())).post("/api/v1/password-reset/confirm").then().statusCode(400);
    }

    @Test
    void afterThreeFailuresFromAnIpTheSelfServiceEndpointsWantASolvedSingleUseCaptcha() {
        String ip = randomIp();
        for (int i = 0; i < 3; i++) {
            from(ip).body(body("token", "guess-" + i, "password", Fixtures.password())).post("/api/v1/password-reset/confirm")
                    .then().statusCode(400).body("detail", containsString("token"));
        }
        from(ip).body(body("token", "guess-3", "password", Fixtures.password())).post("/api/v1/password-reset/confirm")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("captcha is required"));
        from(ip).body(body("address", "x@example.com")).post("/api/v1/password-reset")
                .then().statusCode(400).body("detail", containsString("captcha is required"));
        from(randomIp()).body(body("token", "guess-4", "password", Fixtures.password())).post("/api/v1/password-reset/confirm")
                .then().statusCode(400).body("detail", containsString("token")); // other IPs are not affected

        Map<String, String> solved = Fixtures.solvedCaptcha();
        from(ip).body(body("address", "x@example.com", "captcha", solved)).post("/api/v1/password-reset").then().statusCode(202);
        from(ip).body(body("address", "x@example.com", "captcha", solved)).post("/api/v1/password-reset")
                .then().statusCode(400).body("detail", containsString("already used"));
        from(ip).body(body("address", "x@example.com", "captcha", Map.of("id", solved.get("id"), "solution", "nonsense")))
                .post("/api/v1/password-reset").then().statusCode(400);

        Map<String, String> expired = Fixtures.solvedCaptcha();
        await().atMost(Duration.ofSeconds(10)).until(() -> !redis.key().exists("mailfleet:captcha:" + expired.get("id")));
        from(ip).body(body("token", "guess-5", "password", Fixtures.password(), "captcha", expired))
                .post("/api/v1/password-reset/confirm").then().statusCode(400).body("detail", containsString("expired"));
    }

    @Test
    void everyResetRequestCountsSoTheFourthFromAnIpNeedsACaptcha() {
        String ip = randomIp();
        for (int i = 0; i < 3; i++) {
            from(ip).body(body("address", "someone" + i + "@example.com")).post("/api/v1/password-reset").then().statusCode(202);
        }
        from(ip).body(body("address", "someone@example.com")).post("/api/v1/password-reset").then().statusCode(400)
                .body("detail", containsString("captcha is required"));
        from(ip).body(body("address", "someone@example.com", "captcha", Fixtures.solvedCaptcha())).post("/api/v1/password-reset")
                .then().statusCode(202);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
