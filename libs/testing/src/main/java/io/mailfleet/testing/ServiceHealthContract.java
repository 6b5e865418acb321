package io.mailfleet.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What every Mailfleet service promises operators: liveness, readiness that names each piece of
 * infrastructure the service depends on, and Prometheus metrics. A service's test extends this and
 * is annotated {@code @QuarkusTest} with the resources it needs.
 */
public abstract class ServiceHealthContract {

    /** Substrings of the readiness check names this service must report, e.g. "Kafka", "Redis". */
    protected abstract List<String> expectedReadinessChecks();

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIsUpAndCoversItsInfrastructure() {
        var checks = given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .extract().jsonPath().<String>getList("checks.name");
        for (String expected : expectedReadinessChecks()) {
            if (checks.stream().noneMatch(name -> name.contains(expected))) {
                throw new AssertionError("readiness has no check for " + expected + ": " + checks);
            }
        }
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }
}
