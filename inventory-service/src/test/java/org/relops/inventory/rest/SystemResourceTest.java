package org.relops.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInRelativeOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.relops.testing.ListPaging;

import io.quarkus.test.junit.QuarkusTest;

/** The systems over REST: filters, one system, its history, each list a page at a time in the one envelope. */
@QuarkusTest
class SystemResourceTest {

    @Test
    void shouldListSystemsMatchingEveryFilter() {
        given().queryParam("datacenter", "pdx1").queryParam("hardwareClass", "rest").queryParam("state", "free")
                .when().get("/v1/systems")
                .then().statusCode(200)
                .body("items.name", contains("rest-01", "rest-02"))
                .body("items.location.datacenter", everyItem(is("pdx1")))
                .body("items.state", everyItem(is("free")))
                .body("total", is(2)).body("page", is(0)).body("size", is(100));
    }

    @Test
    void shouldListSystemsByNameAPageAtATime() {
        given().queryParam("hardwareClass", "rest").queryParam("size", 1).get("/v1/systems").then().statusCode(200)
                .body("items.name", contains("rest-01")).body("total", is(2)).body("size", is(1));
        given().queryParam("hardwareClass", "rest").queryParam("size", 1).queryParam("page", 1).get("/v1/systems")
                .then().statusCode(200).body("items.name", contains("rest-02")).body("total", is(2))
                .body("page", is(1));
        given().queryParam("hardwareClass", "rest").queryParam("size", 1).queryParam("page", 2).get("/v1/systems")
                .then().statusCode(200).body("items", empty()).body("total", is(2));
        given().queryParam("size", 1000).get("/v1/systems").then().statusCode(200)
                .body("items.name", containsInRelativeOrder("basic-01", "basic-02", "bm-01", "rest-01", "rest-02"));
    }

    @Test
    void shouldReadStateAndProviderFiltersInAnyCaseAndWriteThemLowerCase() {
        for (String state : List.of("FREE", "free", "Free")) {
            given().queryParam("hardwareClass", "rest").queryParam("state", state).queryParam("provider", "QEMU")
                    .get("/v1/systems").then().statusCode(200)
                    .body("items.name", contains("rest-01", "rest-02"))
                    .body("items.state", everyItem(is("free"))).body("items.provider", everyItem(is("qemu")));
        }
        given().queryParam("provider", "BareMetal").get("/v1/systems").then().statusCode(200)
                .body("items.name", hasItem("bm-01")).body("items.provider", everyItem(is("baremetal")));
        given().queryParam("provider", "vmware").get("/v1/systems").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", is("provider has an invalid value 'vmware'; allowed: qemu, libvirt, ec2, baremetal, "
                        + "simulated"));
    }

    @Test
    void shouldListTheHistoryOfASystemOldestFirstInTheListEnvelope() {
        given().get("/v1/systems/rest-01/history").then().statusCode(200)
                .body("items[0].to", is("free")).body("items[0].from", nullValue())
                .body("total", is(1)).body("page", is(0)).body("size", is(100));
        given().get("/v1/systems/no-such-system/history").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseAPageSizeOrPageOutOfRangeWithAProblem() {
        for (String list : List.of("/v1/systems", "/v1/systems/rest-01/history", "/v1/segments")) {
            ListPaging.assertRefusesBadPaging(list);
        }
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
                .body("detail", is("state has an invalid value 'sleeping'; allowed: free, reserved, provisioning, "
                        + "ready, reimaging, failed, quarantined, decommissioning, retired"));
    }
}
