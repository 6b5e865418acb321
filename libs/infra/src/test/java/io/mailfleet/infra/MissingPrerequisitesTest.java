package io.mailfleet.infra;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When something the infrastructure needs is missing, the message says what and how to get it. */
class MissingPrerequisitesTest {

    @AfterEach
    void clearOverrides() {
        System.clearProperty("mailfleet.maven.repo");
        System.clearProperty("mailfleet.cache");
        System.clearProperty("mailfleet.redis.server");
    }

    @Test
    void missingKeycloakDistributionNamesTheArtifactToFetch() throws Exception {
        System.setProperty("mailfleet.maven.repo", Files.createTempDirectory("empty-repo").toString());
        System.setProperty("mailfleet.cache", Files.createTempDirectory("empty-cache").toString());
        InfrastructureException failure = assertThrows(InfrastructureException.class,
                () -> KeycloakDistribution.install("0.0.1"));
        assertTrue(failure.getMessage().contains("dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:0.0.1:zip"),
                failure.getMessage());
    }

    @Test
    void unusableRedisBinaryIsReportedWithItsPath() throws Exception {
        Path missing = Files.createTempDirectory("no-redis").resolve("redis-server");
        System.setProperty("mailfleet.redis.server", missing.toString());
        try (RedisServer redis = RedisServer.ephemeral()) {
            InfrastructureException failure = assertThrows(InfrastructureException.class, redis::start);
            assertTrue(failure.getMessage().contains(missing.toString()), failure.getMessage());
        }
    }
}
