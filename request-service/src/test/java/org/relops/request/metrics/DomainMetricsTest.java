package org.relops.request.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.relops.testing.MetricSamples;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The gauges the alert rules read, from request-service's own /q/metrics: requests by state and stuck ones
 * (a request nobody places stays unfinished past the test's stuck-after of 3 s), and every service's backlog
 * gauges (outbox and dead-letter queue).
 */
@QuarkusTest
class DomainMetricsTest {

    @Test
    void shouldCountRequestsByStateAndTheStuckOnes() {
        given().contentType(ContentType.JSON)
                .body("{\"image\":\"releng-talos-linux64\",\"count\":1,\"appEnvironment\":\"production\"}")
                .post("/v1/requests").then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> value("relops_requests_stuck ").orElse(0) >= 1);
        double unfinished = value("relops_requests{state=\"SUBMITTED\"").orElse(0)
                + value("relops_requests{state=\"PLACING\"").orElse(0);
        assertTrue(unfinished >= 1, "unfinished requests: " + unfinished);
    }

    @Test
    void shouldExportTheBacklogGaugesOfTheOutboxAndTheDeadLetterQueue() {
        await().atMost(Duration.ofSeconds(30)).until(() -> value("relops_outbox_pending ").isPresent()
                && value("relops_outbox_oldest_pending_seconds ").isPresent()
                && value("relops_bus_dead_letters ").isPresent());
    }

    /** The value of the first sample line that starts so (a name, with its labels up to where they are told). */
    private static OptionalDouble value(String start) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return MetricSamples.of(metrics, line -> line.startsWith(start)).findFirst();
    }
}
