package io.mailfleet.infra;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeycloakServerTest {

    @Test
    void bootstrapAdminGetsATokenAndAWrongPasswordDoesNot() throws Exception {
        try (KeycloakServer keycloak = KeycloakServer.ephemeral()) {
            keycloak.start();
            HttpResponse<String> granted = passwordGrant(keycloak, keycloak.adminPassword());
            assertEquals(200, granted.statusCode(), granted.body());
            assertTrue(granted.body().contains("\"access_token\""), granted.body());
            HttpResponse<String> refused = passwordGrant(keycloak, "wrong-" + keycloak.adminPassword());
            assertTrue(refused.statusCode() == 400 || refused.statusCode() == 401, refused.statusCode() + " " + refused.body());
            assertTrue(refused.body().contains("invalid_grant"), refused.body());
        }
    }

    private static HttpResponse<String> passwordGrant(KeycloakServer keycloak, String password) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + keycloak.adminUser()
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.url() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
