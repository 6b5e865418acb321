package io.mailfleet.auth;

import io.mailfleet.auth.dkim.KeyVault;
import io.mailfleet.directory.DirectoryClient;
import io.mailfleet.directory.DkimSigningKey;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** DKIM keys: RSA-2048 and Ed25519, rotation, DNS records, private keys encrypted at rest. */
@QuarkusTest
class DkimKeysTest {

    @Inject
    Pool pool;

    @Inject
    KeyVault vault;

    @TestHTTPResource("/")
    java.net.URL baseUrl;

    @Test
    void keysAreGeneratedRotatedPublishedAndEncryptedAtRest() throws Exception {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String base = "/api/v1/tenants/" + tenant.id() + "/domains/" + domain + "/dkim-keys";

        var rsa = Fixtures.operator().contentType(ContentType.JSON).body(Map.of("algorithm", "RSA_2048", "selector", "first"))
                .post(base).then().statusCode(201).body("status", equalTo("ACTIVE"))
                .body("dnsName", equalTo("first._domainkey." + domain)).body("dnsValue", startsWith("v=DKIM1; k=rsa; p="))
                .extract().jsonPath();
        String rsaPublic = rsa.getString("dnsValue").substring("v=DKIM1; k=rsa; p=".length());
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(rsaPublic)));
        assertEquals(2048, publicKey.getModulus().bitLength());

        var ed = Fixtures.operator().contentType(ContentType.JSON).body(Map.of("algorithm", "ED25519"))
                .post(base).then().statusCode(201).body("dnsValue", startsWith("v=DKIM1; k=ed25519; p=")).extract().jsonPath();
        assertEquals(32, Base64.getDecoder().decode(ed.getString("dnsValue").substring("v=DKIM1; k=ed25519; p=".length())).length);

        // rotation: a new RSA key retires the first one, which stays published
        var second = Fixtures.operator().contentType(ContentType.JSON).body(Map.of("algorithm", "RSA_2048", "selector", "second"))
                .post(base).then().statusCode(201).extract().jsonPath();
        Fixtures.operator().get(base).then().statusCode(200)
                .body("find { it.selector == 'first' }.status", equalTo("RETIRED"))
                .body("find { it.selector == 'second' }.status", equalTo("ACTIVE"))
                .body("find { it.algorithm == 'ED25519' }.status", equalTo("ACTIVE"));
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("algorithm", "RSA_2048", "selector", "second"))
                .post(base).then().statusCode(409).contentType("application/problem+json");
        Fixtures.operator().get("/api/v1/tenants/" + tenant.id() + "/domains/" + domain + "/dns-records").then().statusCode(200)
                .body("name", hasItem("first._domainkey." + domain)).body("name", hasItem("second._domainkey." + domain));

        // at rest: ciphertext, which only the master key turns back into the matching private key
        byte[] stored = pool.preparedQuery("SELECT private_key FROM directory.dkim_keys WHERE id = $1")
                .execute(Tuple.of(java.util.UUID.fromString(rsa.getString("id")))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getBuffer("private_key").getBytes();
        byte[] pkcs8 = vault.decrypt(stored, rsa.getString("id"));
        assertFalse(Arrays.equals(stored, pkcs8));
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        assertEquals(publicKey.getModulus(), privateKey.getModulus());
        assertEquals(BigInteger.valueOf(65537), privateKey.getPublicExponent());

        // delivery-worker's view: the active keys with their private parts, over the service token
        var signing = given().header("Authorization", "Bearer " + TestSecretsResource.INTERNAL_TOKEN)
                .get("/internal/v1/dkim-keys/" + domain).then().statusCode(200).extract().jsonPath();
        assertEquals(java.util.List.of("ED25519", "RSA_2048"), signing.getList("algorithm"));
        assertEquals("second", signing.getString("find { it.algorithm == 'RSA_2048' }.selector"));
        KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(signing.getString("find { it.algorithm == 'ED25519' }.privateKeyPkcs8"))));
        given().get("/internal/v1/dkim-keys/" + domain).then().statusCode(401);

        // the same through libs/directory-api's own client, as delivery-worker calls it
        DirectoryClient directory = QuarkusRestClientBuilder.newBuilder().baseUri(baseUrl.toURI()).build(DirectoryClient.class);
        var keys = directory.dkimKeys(domain.toUpperCase()).await().atMost(Duration.ofSeconds(10));
        assertEquals(java.util.List.of("ED25519", "RSA_2048"), keys.stream().map(DkimSigningKey::algorithm).toList());
        assertEquals(java.util.List.of(domain, domain), keys.stream().map(DkimSigningKey::domain).toList());
        assertEquals(signing.getString("find { it.algorithm == 'RSA_2048' }.privateKeyPkcs8"), keys.get(1).privateKeyPkcs8());
        assertEquals(java.util.List.of(), directory.dkimKeys("not-hosted.example").await().atMost(Duration.ofSeconds(10)));
        assertEquals(java.util.List.of(), directory.dkimKeys("not a domain").await().atMost(Duration.ofSeconds(10)));

        Fixtures.operator().delete(base + "/" + rsa.getString("id")).then().statusCode(204);
        Fixtures.operator().get(base).then().body("selector", not(hasItem("first")));
        Fixtures.operator().delete(base + "/" + second.getString("id") + "x").then().statusCode(404);
        Fixtures.operator().contentType(ContentType.JSON).body(Map.of("algorithm", "DSA")).post(base).then().statusCode(400);
    }
}
