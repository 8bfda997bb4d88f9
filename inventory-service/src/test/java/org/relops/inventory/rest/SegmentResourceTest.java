package org.relops.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInRelativeOrder;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The network segments over REST, a page at a time in the one envelope. */
@QuarkusTest
class SegmentResourceTest {

    @Test
    void shouldListSegmentsWithWhatTheyServeAndHowManyAddressesAreUsedAndFree() {
        given().when().get("/v1/segments")
                .then().statusCode(200)
                .body("items.name", hasItems("mdc1", "pdx1-r1", "pdx1-r2-r3", "scl3"))
                .body("items.find { it.name == 'pdx1-r1' }.cidr", is("10.3.1.0/24"))
                .body("items.find { it.name == 'pdx1-r1' }.gateway", is("10.3.1.1"))
                .body("items.find { it.name == 'pdx1-r1' }.serves.datacenter", is("pdx1"))
                .body("items.find { it.name == 'pdx1-r1' }.serves.racks", contains("r1-a"))
                .body("items.find { it.name == 'pdx1-r1' }.addresses.total", is(254))
                .body("items.find { it.name == 'pdx1-r1' }.addresses.reserved", is(10))
                .body("items.find { it.name == 'pdx1-r1' }.addresses.used", is(2))
                .body("items.find { it.name == 'pdx1-r1' }.addresses.free", is(242))
                .body("items.find { it.name == 'scl3' }.serves.racks", nullValue());
    }

    @Test
    void shouldListSegmentsByNameAPageAtATime() {
        List<String> names = given().queryParam("size", 1000).get("/v1/segments").then().statusCode(200)
                .body("items.name", containsInRelativeOrder("mdc1", "pdx1-r1", "pdx1-r2-r3", "scl3"))
                .extract().path("items.name");

        for (int page = 0; page < 2; page++) {
            given().queryParam("size", 1).queryParam("page", page).get("/v1/segments").then().statusCode(200)
                    .body("items.name", contains(names.get(page))).body("total", is(names.size()))
                    .body("page", is(page)).body("size", is(1));
        }
    }
}
