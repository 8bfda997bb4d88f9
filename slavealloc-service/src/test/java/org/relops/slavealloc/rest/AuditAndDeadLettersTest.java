package org.relops.slavealloc.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.relops.slavealloc.Operator.updateSlave;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.model.event.MachineBooted;
import org.relops.slavealloc.Farm;
import org.relops.slavealloc.Operator;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.testing.WithBusProbe;

import io.quarkus.test.junit.QuarkusTest;

/** slavealloc's own lists, {@code /v1/audit} and {@code /v1/dead-letters}, in the envelope every relops list has. */
@QuarkusTest
class AuditAndDeadLettersTest extends WithBusProbe {

    @Inject
    DumpImporter importer;

    @Test
    void shouldListATablesChangesNewestFirstOnePageAtATime() {
        Farm farm = Farm.named("audit").withMasters(1).withSlaves(1).importWith(importer);
        updateSlave(farm.slave(1), Map.of("enabled", false));
        updateSlave(farm.slave(1), Map.of("notes", "racked"));
        String subject = "slavealloc/slaves/" + Operator.slave(farm.slave(1)).getInt("slaveid");

        given().queryParam("subject", subject).get("/v1/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("changed", "changed")))
                .body("items.detail", equalTo(List.of("fields notes", "fields enabled")))
                .body("total", equalTo(2))
                .body("page", equalTo(0))
                .body("size", equalTo(100));
        given().queryParam("subject", subject).queryParam("size", 1).get("/v1/audit").then().statusCode(200)
                .body("items.detail", equalTo(List.of("fields notes")))
                .body("total", equalTo(2));
        given().queryParam("subject", subject).queryParam("size", 1).queryParam("page", 1).get("/v1/audit").then()
                .statusCode(200)
                .body("items.detail", equalTo(List.of("fields enabled")))
                .body("total", equalTo(2))
                .body("page", equalTo(1));
    }

    @Test
    void shouldListADeadLetteredBootWithItsReason() {
        String hostname = "lost-" + UUID.randomUUID().toString().substring(0, 8);
        bus.publish(new MachineBooted("r-" + hostname, hostname, "system-" + hostname, "52:54:00:00:00:02",
                Farm.LOCALHOST, "releng-build-linux64", "1", "sha256:0", "default", true, "nowhere-" + hostname,
                "boot-1"));

        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("size", 1000).get("/v1/dead-letters")
                .then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.reason.contains('" + hostname + "') }").size() == 1);

        given().queryParam("size", 1000).get("/v1/dead-letters").then().statusCode(200)
                .body("items.find { it.reason.contains('" + hostname + "') }.fromQueue",
                        equalTo("slavealloc-service.events"))
                .body("items.find { it.reason.contains('" + hostname + "') }.body", containsString(hostname))
                .body("size", equalTo(1000));
        given().queryParam("size", 1).get("/v1/dead-letters").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("total", greaterThanOrEqualTo(1));
    }

    @Test
    void shouldRefuseAPageSizeOutsideOneToAThousand() {
        for (String path : List.of("/v1/audit", "/v1/dead-letters")) {
            for (String size : List.of("0", "1001", "x")) {
                given().queryParam("size", size).get(path).then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("status", equalTo(400))
                        .body("detail", containsString("size must be"));
            }
        }
    }
}
