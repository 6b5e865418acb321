package io.mailfleet.spam;

import io.mailfleet.infra.FreePorts;
import io.mailfleet.testing.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Readiness must tell the truth: with PostgreSQL and Redis unreachable the service stays alive but
 * is not ready, so Kubernetes sends it no work.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(ReadinessWithoutDependenciesTest.UnreachableDependencies.class)
class ReadinessWithoutDependenciesTest {

    public static class UnreachableDependencies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int closedPort = FreePorts.next(); // nothing listens there
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + closedPort + "/postgres",
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + closedPort);
        }
    }

    @Test
    void aliveButNotReadyAndSaysWhy() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        List<Map<String, Object>> checks = given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .extract().jsonPath().getList("checks");
        for (String dependency : List.of("PostgreSQL", "Redis")) {
            boolean down = checks.stream().anyMatch(check -> String.valueOf(check.get("name")).contains(dependency)
                    && "DOWN".equals(check.get("status")));
            if (!down) {
                throw new AssertionError(dependency + " is not reported DOWN: " + checks);
            }
        }
    }
}
