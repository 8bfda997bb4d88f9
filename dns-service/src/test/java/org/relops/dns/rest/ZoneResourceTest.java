package org.relops.dns.rest;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ZoneResourceTest {

    private static final String ZONE = "test.relops.example";

    @Test
    void shouldDescribeTheZoneAndItsReverseZones() {
        when().get("/v1/zone").then().statusCode(200)
                .body("name", equalTo(ZONE))
                .body("serial", greaterThan(0))
                .body("primaryNameServer", equalTo("ns1." + ZONE))
                .body("hostmaster", equalTo("hostmaster." + ZONE))
                .body("nameServers", contains("ns1." + ZONE))
                .body("reverseZones.name", contains("10.in-addr.arpa"));
    }

    @Test
    void shouldMoveTheSerialOnWithEveryChange() {
        long before = serial();

        given().contentType(ContentType.JSON).body("{\"addresses\": [\"10.0.0.9\"]}")
                .put("/v1/aliases/{name}", "serial-" + UUID.randomUUID().toString().substring(0, 8))
                .then().statusCode(201);

        assertThat(serial(), greaterThan(before));
    }

    @Test
    void shouldExportTheZoneAsMasterFile() {
        when().get("/v1/zone/export").then().statusCode(200)
                .body(containsString("$ORIGIN " + ZONE + "."))
                .body(containsString("\tIN\tSOA\tns1." + ZONE + ". hostmaster." + ZONE + ". "))
                .body(containsString("\tIN\tNS\tns1." + ZONE + "."));
    }

    @Test
    void shouldRefuseToExportAZoneItDoesNotHave() {
        when().get("/v1/zone/export?zone=example.org").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no zone example.org"));
    }

    @Test
    void shouldRefuseRecordsOfUnknownType() {
        when().get("/v1/records?type=NOPE").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("unknown record type"));
    }

    @Test
    void shouldListRecordsOfOneType() {
        given().contentType(ContentType.JSON).body("{\"target\": \"web1\"}")
                .put("/v1/aliases/{name}", "list-" + UUID.randomUUID().toString().substring(0, 8))
                .then().statusCode(201);

        when().get("/v1/records?type=cname").then().statusCode(200)
                .body("items.type", everyItem(equalTo("CNAME")))
                .body("items.data", hasItem("web1." + ZONE + "."));
    }

    @Test
    void shouldNotFindNamesOutsideTheZones() {
        when().get("/v1/records/{name}", "www.example.org").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseNamesThatAreNotDomainNames() {
        when().get("/v1/records/{name}", "a..b").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static long serial() {
        return when().get("/v1/zone").then().extract().jsonPath().getLong("serial");
    }
}
