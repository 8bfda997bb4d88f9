package org.relops.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SystemResourceTest {

    @Test
    void shouldListSystemsMatchingEveryFilter() {
        given().queryParam("datacenter", "pdx1").queryParam("hardwareClass", "rest").queryParam("state", "free")
                .when().get("/v1/systems")
                .then().statusCode(200)
                .body("name", contains("rest-01", "rest-02"))
                .body("location.datacenter", everyItem(is("pdx1")))
                .body("state", everyItem(is("free")));
    }

    @Test
    void shouldGetOneSystemWithItsNicAndLocation() {
        given().when().get("/v1/systems/rest-01")
                .then().statusCode(200)
                .body("provider", is("qemu"))
                .body("nic.mac", is("52:54:00:10:00:6b"))
                .body("nic.segment", is("pdx1-r1"))
                .body("nic.address", is("10.3.1.11"))
                .body("location.rack", is("r1-a"));
    }

    @Test
    void shouldAnswerNotFoundWithAProblemForAnUnknownSystem() {
        given().when().get("/v1/systems/no-such-system")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", is("no system named 'no-such-system'"));
    }

    @Test
    void shouldRefuseAnUnknownStateFilterWithAProblem() {
        given().queryParam("state", "sleeping")
                .when().get("/v1/systems")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("unknown state 'sleeping'"));
    }
}
