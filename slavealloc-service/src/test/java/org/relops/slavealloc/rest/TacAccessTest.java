package org.relops.slavealloc.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.relops.slavealloc.Operator.currentMaster;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.slavealloc.Farm;
import org.relops.slavealloc.Operator;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.testing.MetricSamples;

import io.quarkus.test.junit.QuarkusTest;

/** A tac carries the slave's password, so it goes only to the slave's own address or to its token. */
@QuarkusTest
class TacAccessTest {

    private static final String ELSEWHERE = "10.9.9.9";

    @Inject
    DumpImporter importer;

    @Test
    void shouldRefuseTheTacToAnotherAddress() {
        Farm farm = Farm.named("away").withMasters(1);
        Map<String, Object> slave = farm.slave(farm.slave(1), "build");
        slave.put("address", ELSEWHERE);
        farm.withSlave(slave).importWith(importer);

        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("own address"));
        assertNull(currentMaster(farm.slave(1)), "a refused request allocates nothing");
    }

    @Test
    void shouldServeTheTacToAnotherAddressWithTheSlavesToken() {
        String token = "token-" + UUID.randomUUID();
        Farm farm = slaveElsewhereWithToken("token", token);

        given().header(GettacResource.TOKEN_HEADER, token).when().get("/gettac/" + farm.slave(1))
                .then().statusCode(200).body(containsString(Farm.PASSWORD));
        given().when().get("/gettac/" + farm.slave(1) + "?token=" + token).then().statusCode(200);
        given().header(GettacResource.TOKEN_HEADER, "wrong-" + token).when().get("/gettac/" + farm.slave(1))
                .then().statusCode(403);
    }

    @Test
    void shouldCountEveryFetchByItsOutcome() {
        String token = "token-" + UUID.randomUUID();
        Farm farm = slaveElsewhereWithToken("counted", token);
        double served = fetches("served");
        double refused = fetches("refused");

        given().header(GettacResource.TOKEN_HEADER, token).when().get("/gettac/" + farm.slave(1)).then().statusCode(200);
        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(403);

        assertEquals(served + 1, fetches("served"));
        assertEquals(refused + 1, fetches("refused"));
    }

    /** A farm whose one slave is at another address than this test's and has a tac token. */
    private Farm slaveElsewhereWithToken(String name, String token) {
        Farm farm = Farm.named(name).withMasters(1);
        Map<String, Object> slave = farm.slave(farm.slave(1), "build");
        slave.put("address", ELSEWHERE);
        farm.withSlave(slave).importWith(importer);
        Operator.updateSlave(farm.slave(1), Map.of("tac_token", token));
        return farm;
    }

    private static double fetches(String outcome) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return MetricSamples.of(metrics, line -> line.startsWith("relops_slavealloc_gettac_total{")
                && line.contains("outcome=\"" + outcome + "\"")).sum();
    }

    @Test
    void shouldRefuseATooShortToken() {
        Farm farm = Farm.named("short").withMasters(1).withSlaves(1).importWith(importer);

        Operator.operator().body(Map.of("tac_token", "abc")).when()
                .put("/api/slaves/" + farm.slave(1) + "?byname=1").then().statusCode(400);
    }

    @Test
    void shouldServeAnImportedSlaveWhoseNameResolvesToTheCaller() {
        Farm farm = Farm.named("dns").withMasters(1);
        Map<String, Object> slave = farm.slave("localhost", "build");
        slave.remove("address");
        farm.withSlave(slave).importWith(importer);

        given().when().get("/gettac/localhost").then().statusCode(200);
    }
}
