package io.mailfleet.auth;

import io.mailfleet.auth.audit.AuditEvent;
import io.mailfleet.auth.audit.AuditLog;
import io.mailfleet.auth.audit.AuditRetention;
import io.mailfleet.auth.audit.AuditType;
import io.mailfleet.directory.AuthResult;
import io.mailfleet.directory.AuthResult.Outcome;
import io.mailfleet.directory.CredentialCheck;
import io.mailfleet.directory.DirectoryClient;
import io.mailfleet.directory.RecipientLookup;
import io.mailfleet.directory.RecipientLookup.MailboxRef;
import io.mailfleet.testing.KafkaResource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The internal API through libs/directory-api's own REST client, as the gateways call it, against real
 * PostgreSQL, Redis (lockouts) and Kafka (audit events).
 */
@QuarkusTest
class InternalApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL baseUrl;

    @Inject
    AuditLog auditLog;

    @Inject
    AuditRetention retention;

    private DirectoryClient directory;

    @BeforeEach
    void client() throws Exception {
        directory = QuarkusRestClientBuilder.newBuilder().baseUri(baseUrl.toURI()).build(DirectoryClient.class);
    }

    private static String randomIp() {
        var random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private RecipientLookup lookup(String address) {
        return directory.recipient(address).await().atMost(TIMEOUT);
    }

    private AuthResult login(String username, String secret, String ip) {
        return directory.authenticate(new CredentialCheck(username, secret, "PLAIN", "imap", ip)).await().atMost(TIMEOUT);
    }

    @Test
    void recipientsExpandThroughAliasesListsPlusAddressingAndCatchAll() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String alice = Fixtures.account(tenant.id(), "alice@" + domain);
        String bob = Fixtures.account(tenant.id(), "bob@" + domain);
        Fixtures.alias(tenant.id(), "sales@" + domain, "alice@" + domain);
        Fixtures.alias(tenant.id(), "team@" + domain, "sales@" + domain, "bob@" + domain, "partner@remote.example");
        Fixtures.alias(tenant.id(), "loop1@" + domain, "loop2@" + domain);
        Fixtures.alias(tenant.id(), "loop2@" + domain, "loop1@" + domain, "bob@" + domain);

        RecipientLookup exact = lookup("Alice@" + domain.toUpperCase());
        assertTrue(exact.hostedDomain() && exact.exists());
        assertEquals(tenant.id(), exact.tenantId());
        assertEquals(List.of(new MailboxRef(alice, "alice@" + domain, null)), exact.deliverTo());

        assertEquals(List.of(new MailboxRef(alice, "alice@" + domain, null)), lookup("alice+news@" + domain).deliverTo());
        assertEquals(List.of(new MailboxRef(alice, "alice@" + domain, null)), lookup("sales@" + domain).deliverTo());
        assertEquals(List.of(new MailboxRef(alice, "alice@" + domain, null), new MailboxRef(bob, "bob@" + domain, null),
                new MailboxRef(null, "partner@remote.example", null)), lookup("team@" + domain).deliverTo());
        assertEquals(List.of(new MailboxRef(bob, "bob@" + domain, null)), lookup("loop1@" + domain).deliverTo());

        RecipientLookup unknown = lookup("nobody@" + domain);
        assertTrue(unknown.hostedDomain());
        assertFalse(unknown.exists());

        Fixtures.alias(tenant.id(), "@" + domain, "bob@" + domain);
        assertEquals(List.of(new MailboxRef(bob, "bob@" + domain, null)), lookup("nobody@" + domain).deliverTo());

        RecipientLookup foreign = lookup("someone@not-hosted.example");
        assertFalse(foreign.hostedDomain());
        assertFalse(foreign.exists());
        assertFalse(lookup("not an address").hostedDomain());
    }

    @Test
    void disabledAccountsAndSuspendedTenantsReceiveNothing() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String erin = Fixtures.account(tenant.id(), "erin@" + domain);
        Fixtures.operator().post("/api/v1/tenants/" + tenant.id() + "/accounts/" + erin + "/disable").then().statusCode(200);
        assertFalse(lookup("erin@" + domain).exists());

        Fixtures.operator().post("/api/v1/tenants/" + tenant.id() + "/suspend").then().statusCode(200);
        RecipientLookup admin = lookup("admin@" + domain);
        assertTrue(admin.hostedDomain());
        assertFalse(admin.exists());
    }

    @Test
    void appPasswordsAuthenticateAndNothingElseDoes() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String frank = Fixtures.account(tenant.id(), "frank@" + domain);
        Fixtures.alias(tenant.id(), "info@" + domain, "frank@" + domain);
        String secret = Fixtures.appPassword(frank);
        String ip = randomIp();

        AuthResult ok = login("Frank@" + domain, secret, ip);
        assertEquals(Outcome.OK, ok.outcome());
        assertEquals(frank, ok.accountId());
        assertEquals(tenant.id(), ok.tenantId());
        assertEquals(List.of("frank@" + domain, "info@" + domain), ok.senderAddresses());
        assertEquals(Outcome.OK, login("frank@" + domain, secret, ip).outcome(), "a remembered match still works");

        assertEquals(Outcome.INVALID, login("frank@" + domain, secret + "x", ip).outcome());
        assertEquals(Outcome.INVALID, login("ghost@" + domain, secret, ip).outcome());
        assertEquals(Outcome.INVALID, directory.authenticate(new CredentialCheck("frank@" + domain, secret, "XOAUTH2", "smtp", ip))
                .await().atMost(TIMEOUT).outcome(), "a secret is not a bearer token");
        assertEquals(Outcome.INVALID, login("", "", ip).outcome());
    }

    @Test
    void revokingAnAppPasswordTakesEffectAtOnce() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String grace = Fixtures.account(tenant.id(), "grace@" + domain);
        var created = Fixtures.operator().contentType("application/json").body(Map.of("label", "tablet"))
                .post("/api/v1/accounts/" + grace + "/app-passwords").then().statusCode(201).extract().jsonPath();
        String ip = randomIp();
        assertEquals(Outcome.OK, login("grace@" + domain, created.getString("secret"), ip).outcome());

        Fixtures.operator().delete("/api/v1/accounts/" + grace + "/app-passwords/" + created.getString("id")).then().statusCode(204);
        assertEquals(Outcome.INVALID, login("grace@" + domain, created.getString("secret"), ip).outcome());
    }

    @Test
    void disabledIsOnlyToldToWhoeverKnowsTheSecret() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String heidi = Fixtures.account(tenant.id(), "heidi@" + domain);
        String secret = Fixtures.appPassword(heidi);
        Fixtures.operator().post("/api/v1/tenants/" + tenant.id() + "/accounts/" + heidi + "/disable").then().statusCode(200);
        String ip = randomIp();

        assertEquals(Outcome.INVALID, login("heidi@" + domain, "wrong", ip).outcome());
        assertEquals(Outcome.DISABLED, login("heidi@" + domain, secret, ip).outcome());

        Fixtures.operator().post("/api/v1/tenants/" + tenant.id() + "/accounts/" + heidi + "/enable").then().statusCode(200);
        Fixtures.operator().post("/api/v1/tenants/" + tenant.id() + "/suspend").then().statusCode(200);
        assertEquals(Outcome.DISABLED, login("heidi@" + domain, secret, ip).outcome());
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightSecretUntilTheLockExpires() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String ivan = Fixtures.account(tenant.id(), "ivan@" + domain);
        String secret = Fixtures.appPassword(ivan);

        for (int i = 0; i < 5; i++) {
            assertEquals(Outcome.INVALID, login("ivan@" + domain, "wrong-" + i, randomIp()).outcome());
        }
        AuthResult locked = login("ivan@" + domain, secret, randomIp());
        assertEquals(Outcome.LOCKED, locked.outcome());
        assertTrue(locked.retryAfterSeconds() > 0 && locked.retryAfterSeconds() <= 4, "lock of the %test profile: " + locked);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> login("ivan@" + domain, secret, randomIp()).outcome() == Outcome.OK);

        Fixtures.operator().queryParam("type", "LOCKOUT").get("/api/v1/tenants/" + tenant.id() + "/audit-events").then().statusCode(200)
                .body("subject", hasItem("ivan@" + domain));
        Fixtures.operator().queryParam("type", "AUTHENTICATION").get("/api/v1/tenants/" + tenant.id() + "/audit-events").then().statusCode(200)
                .body("outcome", hasItems("INVALID", "LOCKED", "OK")).body("protocol", hasItem("imap"));
    }

    @Test
    void failuresFromOneIpLockThatIpForEveryUsername() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String judy = Fixtures.account(tenant.id(), "judy@" + domain);
        String secret = Fixtures.appPassword(judy);
        String sprayer = randomIp();

        // %test sets the IP limit to 8: spread over usernames so no account limit is hit first
        for (int i = 0; i < 8; i++) {
            assertEquals(Outcome.INVALID, login("user" + i + "@" + domain, "guess", sprayer).outcome());
        }
        assertEquals(Outcome.LOCKED, login("judy@" + domain, secret, sprayer).outcome());
        assertEquals(Outcome.OK, login("judy@" + domain, secret, randomIp()).outcome(), "other IPs are not affected");
    }

    @Test
    void goodLoginsFromManyIpsRaiseOneUnusualLoginAlert() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String mallory = Fixtures.account(tenant.id(), "mallory@" + domain);
        String secret = Fixtures.appPassword(mallory);
        String events = "/api/v1/tenants/" + tenant.id() + "/audit-events";

        for (int i = 0; i < 5; i++) {
            assertEquals(Outcome.OK, login("mallory@" + domain, secret, randomIp()).outcome());
        }
        Fixtures.operator().queryParam("type", "UNUSUAL_LOGIN").get(events).then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(0));
        assertEquals(Outcome.OK, login("mallory@" + domain, secret, randomIp()).outcome());
        assertEquals(Outcome.OK, login("mallory@" + domain, secret, randomIp()).outcome());
        Fixtures.operator().queryParam("type", "UNUSUAL_LOGIN").get(events).then().statusCode(200)
                .body("$", org.hamcrest.Matchers.hasSize(1)).body("[0].subject", equalTo("mallory@" + domain));
    }

    @Test
    void aLoginFromANewCountryOrNetworkRaisesAnAlert() {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String olga = Fixtures.account(tenant.id(), "olga@" + domain);
        String secret = Fixtures.appPassword(olga);
        String events = "/api/v1/tenants/" + tenant.id() + "/audit-events";

        // GeoIpDatabaseResource: 100.64.1.0/24 DE AS64500, 100.64.2.0/24 DE AS64501, 100.64.3.0/24 and 2001:db8:100::/48 FR AS64502
        assertEquals(Outcome.OK, login("olga@" + domain, secret, "100.64.1.10").outcome()); // the first located login only teaches
        // (five distinct IPs in all: below the IP-burst threshold, so every alert here is about origins)
        assertEquals(Outcome.OK, login("olga@" + domain, secret, "10.9.9.9").outcome()); // not located: nothing to compare
        Fixtures.operator().queryParam("type", "UNUSUAL_LOGIN").get(events).then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(0));

        assertEquals(Outcome.OK, login("olga@" + domain, secret, "100.64.2.5").outcome());
        Fixtures.operator().queryParam("type", "UNUSUAL_LOGIN").get(events).then().statusCode(200)
                .body("details.reason", org.hamcrest.Matchers.contains("new network AS64501")).body("[0].clientIp", equalTo("100.64.2.5"));

        assertEquals(Outcome.OK, login("olga@" + domain, secret, "2001:db8:100::5").outcome());
        assertEquals(Outcome.OK, login("olga@" + domain, secret, "100.64.3.1").outcome()); // FR and AS64502 are known now
        Fixtures.operator().queryParam("type", "UNUSUAL_LOGIN").get(events).then().statusCode(200)
                .body("details.reason", org.hamcrest.Matchers.containsInAnyOrder("new network AS64501", "new country FR", "new network AS64502"));
    }

    @Test
    void theInternalApiWantsTheServiceToken() {
        given().get("/internal/v1/recipients/x@example.com").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").get("/internal/v1/recipients/x@example.com").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestSecretsResource.INTERNAL_TOKEN).get("/internal/v1/recipients/x@example.com")
                .then().statusCode(200).body("hostedDomain", equalTo(false));
        given().header("Authorization", "Bearer " + TestSecretsResource.INTERNAL_TOKEN).contentType("application/json").body("{")
                .post("/internal/v1/authenticate").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void authenticationAttemptsArePublishedOnTheAuditTopic() {
        String domain = Fixtures.uniqueDomain();
        Fixtures.tenant(domain);
        String username = "kafka-check@" + domain;
        login(username, "wrong", randomIp());

        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "audit-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("audit.events"));
            var seen = new java.util.ArrayList<String>();
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
                return seen.stream().anyMatch(value -> value.contains("\"actor\":\"" + username + "\"")
                        && value.contains("\"type\":\"AUTHENTICATION\"") && value.contains("\"outcome\":\"INVALID\""));
            });
            assertTrue(seen.stream().noneMatch(value -> value.contains("wrong")), "the secret is never published");
        }
    }

    @Test
    void auditEventsOlderThanTheRetentionArePurged() {
        var tenant = Fixtures.tenant(Fixtures.uniqueDomain());
        UUID tenantId = UUID.fromString(tenant.id());
        AuditEvent old = new AuditEvent(UUID.randomUUID(), Instant.now().minus(Duration.ofDays(61)), tenantId,
                AuditType.ACCOUNT_CREATED, "test", "old@example.com", null, null, null, Map.of());
        auditLog.record(old).await().atMost(TIMEOUT);
        String events = "/api/v1/tenants/" + tenant.id() + "/audit-events";
        Fixtures.operator().get(events).then().body("subject", hasItem("old@example.com"));

        retention.purge().await().atMost(TIMEOUT);

        Fixtures.operator().get(events).then().statusCode(200).body("subject", not(hasItem("old@example.com")))
                .body("type", hasItem("TENANT_CREATED"));
    }
}
