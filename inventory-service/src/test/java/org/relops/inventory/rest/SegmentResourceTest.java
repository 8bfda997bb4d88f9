package org.relops.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SegmentResourceTest {

    @Test
    void shouldListSegmentsWithWhatTheyServeAndHowManyAddressesAreUsedAndFree() {
        given().when().get("/v1/segments")
                .then().statusCode(200)
                .body("name", hasItems("mdc1", "pdx1-r1", "pdx1-r2-r3", "scl3"))
                .body("find { it.name == 'pdx1-r1' }.cidr", is("10.3.1.0/24"))
                .body("find { it.name == 'pdx1-r1' }.gateway", is("10.3.1.1"))
                .body("find { it.name == 'pdx1-r1' }.serves.datacenter", is("pdx1"))
                .body("find { it.name == 'pdx1-r1' }.serves.racks", contains("r1-a"))
                .body("find { it.name == 'pdx1-r1' }.addresses.total", is(254))
                .body("find { it.name == 'pdx1-r1' }.addresses.reserved", is(10))
                .body("find { it.name == 'pdx1-r1' }.addresses.used", is(2))
                .body("find { it.name == 'pdx1-r1' }.addresses.free", is(242))
                .body("find { it.name == 'scl3' }.serves.racks", nullValue());
    }
}
