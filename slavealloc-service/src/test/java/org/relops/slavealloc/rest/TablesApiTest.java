package org.relops.slavealloc.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.relops.slavealloc.Operator.currentMaster;
import static org.relops.slavealloc.Operator.operator;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.slavealloc.Farm;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.slavealloc.service.TacRenderer;

import io.quarkus.test.junit.QuarkusTest;

/** {@code /api}: the tables as JSON, denormalised, by id or name, filtered, partially updated. */
@QuarkusTest
class TablesApiTest {

    @Inject
    DumpImporter importer;

    @Test
    void shouldListALookupTable() {
        given().when().get("/api/distros").then().statusCode(200)
                .body("name", hasItem("debian12"));
    }

    @Test
    void shouldShowSlavesWithTheNamesOfWhatTheyReferTo() {
        Farm farm = Farm.named("denorm").withMasters(1).withSlaves(1).importWith(importer);

        given().when().get("/api/slaves/" + farm.slave(1) + "?byname=1").then().statusCode(200)
                .body("name", equalTo(farm.slave(1)))
                .body("distro", equalTo("debian12"))
                .body("bitlength", equalTo("64"))
                .body("purpose", equalTo("build"))
                .body("environment", equalTo(farm.pool))
                .body("pool", equalTo(farm.pool))
                .body("enabled", equalTo(true));
        given().when().get("/api/masters/" + farm.master(1) + "?byname=1").then().statusCode(200)
                .body("pool", equalTo(farm.pool))
                .body("datacenter", equalTo("local"))
                .body("pb_port", equalTo(9001));
    }

    @Test
    void shouldFindARowByIdAndByNameIgnoringCase() {
        Farm farm = Farm.named("byid").withMasters(1).importWith(importer);
        int id = given().when().get("/api/pools/" + farm.pool.toUpperCase() + "?byname=1").then().statusCode(200)
                .extract().path("poolid");

        given().when().get("/api/pools/" + id).then().statusCode(200).body("name", equalTo(farm.pool));
    }

    @Test
    void shouldFilterSlavesByEnvironmentPurposePoolAndEnabled() {
        Farm farm = Farm.named("filter").withMasters(1).withSlaves(3, "build").withSlaves(2, "tests")
                .importWith(importer);
        operator().body(Map.of("enabled", false)).when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(200);

        given().when().get("/api/slaves?pool=" + farm.pool).then().body("$", hasSize(5));
        given().when().get("/api/slaves?environment=" + farm.pool + "&purpose=tests").then()
                .body("$", hasSize(2)).body("purpose", everyItem(equalTo("tests")));
        given().when().get("/api/slaves?pool=" + farm.pool + "&enabled=false").then()
                .body("$", hasSize(1)).body("[0].name", equalTo(farm.slave(1)));
        given().when().get("/api/slaves?pool=" + farm.pool + "&purpose=build&enabled=true").then()
                .body("$", hasSize(2));
    }

    @Test
    void shouldUpdateOnlyTheFieldsGiven() {
        Farm farm = Farm.named("partial").withMasters(2).withSlaves(1).importWith(importer);

        operator().body(Map.of("notes", "reimaged", "locked_master", farm.master(2)))
                .when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(200)
                .body("notes", equalTo("reimaged"))
                .body("locked_master", equalTo(farm.master(2)))
                .body("enabled", equalTo(true))
                .body("basedir", equalTo("/builds/" + farm.slave(1)));
        operator().body("{\"locked_masterid\": null}")
                .when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(200)
                .body("locked_master", equalTo(null))
                .body("notes", equalTo("reimaged"));
    }

    @Test
    void shouldCreateAMaster() {
        Farm farm = Farm.named("newmaster").importWith(importer);

        operator().body(Map.of("nickname", farm.master(9), "fqdn", farm.fqdn(9), "http_port", 8010, "pb_port", 9010,
                "datacenter", "local", "pool", farm.pool))
                .when().post("/api/masters")
                .then().statusCode(201)
                .body("nickname", equalTo(farm.master(9)))
                .body("enabled", equalTo(true));
    }

    @Test
    void shouldRefuseBadInputWithAProblem() {
        Farm farm = Farm.named("bad").withMasters(1).withSlaves(1).importWith(importer);
        String slave = "/api/slaves/" + farm.slave(1) + "?byname=1";

        operator().body(Map.of("colour", "blue")).when().put(slave).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("colour"));
        operator().body(Map.of("enabled", "perhaps")).when().put(slave).then().statusCode(400)
                .body("detail", containsString("enabled"));
        operator().body(Map.of("current_masterid", 1)).when().put(slave).then().statusCode(400)
                .body("detail", containsString("cannot be written"));
        operator().body(Map.of("pool", "no-such-pool")).when().put(slave).then().statusCode(422);
        operator().body(Map.of("name", "bld.example.com")).when().put(slave).then().statusCode(400)
                .body("detail", containsString("qualified"));
        operator().body(Map.of("name", farm.slave(1))).when().post("/api/slaves").then().statusCode(400);
        operator().body("[1, 2]").when().put(slave).then().statusCode(400);
        given().when().get("/api/planets").then().statusCode(404).body("detail", containsString("planets"));
        given().when().get("/api/slaves/abc").then().statusCode(400).body("detail", containsString("byname"));
        given().when().get("/api/slaves?colour=blue").then().statusCode(400);
    }

    @Test
    void shouldShowTheTacASlaveWouldGetWithoutAllocatingIt() {
        Farm farm = Farm.named("dry").withMasters(1).withSlaves(1).importWith(importer);

        given().when().get("/api/gettac/" + farm.slave(1)).then().statusCode(200)
                .body(startsWith(TacRenderer.MARKER))
                .body(containsString("buildmaster_host = '" + farm.fqdn(1) + "'"))
                .body(containsString("passwd = '********'"));
        assertNull(currentMaster(farm.slave(1)), "a dry run records nothing");
        given().when().get("/api/gettac/nobody").then().statusCode(404);
    }

    @Test
    void shouldReportEachSilosBalance() {
        Farm farm = Farm.named("report").withMasters(2).withSlaves(1).importWith(importer);
        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(200);

        given().when().get("/api/silos?pool=" + farm.pool).then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].purpose", equalTo("build"))
                .body("[0].slaves", equalTo(1))
                .body("[0].masters." + farm.master(1), equalTo(1))
                .body("[0].masters." + farm.master(2), equalTo(0));
        assertEquals(farm.master(1), currentMaster(farm.slave(1)));
    }
}
