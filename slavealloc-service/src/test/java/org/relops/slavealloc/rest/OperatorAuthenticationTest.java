package org.relops.slavealloc.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relops.slavealloc.Operator.slave;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.slavealloc.Farm;
import org.relops.slavealloc.Operator;
import org.relops.slavealloc.importer.DumpImporter;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every write needs the operator token; reads do not. */
@QuarkusTest
class OperatorAuthenticationTest {

    @Inject
    DumpImporter importer;

    @Test
    void shouldRefuseAWriteWithoutTheOperatorToken() {
        Farm farm = Farm.named("noauth").withMasters(1).withSlaves(1).importWith(importer);

        given().contentType(ContentType.JSON).body(Map.of("enabled", false))
                .when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"));
        assertTrue(slave(farm.slave(1)).getBoolean("enabled"), "the slave stays enabled");
    }

    @Test
    void shouldRefuseAWriteWithAWrongToken() {
        Farm farm = Farm.named("badauth").withMasters(1).withSlaves(1).importWith(importer);

        given().auth().oauth2("not-the-token").contentType(ContentType.JSON).body(Map.of("notes", "x"))
                .when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(401).body("detail", containsString("wrong"));
        given().auth().preemptive().basic("operator", Operator.TOKEN).contentType(ContentType.JSON)
                .body(Map.of("notes", "x")).when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(401);
    }

    @Test
    void shouldRefuseCreatesAndImportsWithoutTheToken() {
        given().contentType(ContentType.JSON).body(Map.of("name", "sneaky"))
                .when().post("/api/distros").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("distros", List.of(Map.of("name", "sneaky"))))
                .when().post("/api/import").then().statusCode(401);
        given().when().get("/api/distros/sneaky?byname=1").then().statusCode(404);
    }

    @Test
    void shouldAcceptAWriteWithTheToken() {
        Farm farm = Farm.named("auth").withMasters(1).withSlaves(1).importWith(importer);

        Operator.operator().body(Map.of("notes", "checked"))
                .when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(200).body("notes", equalTo("checked"));
    }

    @Test
    void shouldLetAnyoneRead() {
        given().when().get("/api/masters").then().statusCode(200);
    }
}
