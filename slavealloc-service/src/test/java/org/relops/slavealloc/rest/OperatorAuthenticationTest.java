package org.relops.slavealloc.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relops.slavealloc.Operator.slave;
import static org.relops.testing.auth.OperatorTokenByDefault.anonymously;
import static org.relops.testing.auth.OperatorTokenByDefault.as;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.model.auth.Roles;
import org.relops.slavealloc.Farm;
import org.relops.slavealloc.Operator;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.testing.auth.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every write to slavealloc's tables needs the operator role; reading them a viewer's. */
@QuarkusTest
class OperatorAuthenticationTest {

    @Inject
    DumpImporter importer;

    @Test
    void shouldRefuseAWriteWithoutAToken() {
        Farm farm = Farm.named("noauth").withMasters(1).withSlaves(1).importWith(importer);

        anonymously().contentType(ContentType.JSON).body(Map.of("enabled", false))
                .when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"));
        assertTrue(slave(farm.slave(1)).getBoolean("enabled"), "the slave stays enabled");
    }

    @Test
    void shouldRefuseAWriteOfAViewerOrWithABadToken() {
        Farm farm = Farm.named("badauth").withMasters(1).withSlaves(1).importWith(importer);

        as(TestTokens.of(Roles.VIEWER)).contentType(ContentType.JSON).body(Map.of("notes", "x"))
                .when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(403).body("detail", containsString("roles"));
        as("not-a-token").contentType(ContentType.JSON).body(Map.of("notes", "x"))
                .when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(401);
        anonymously().auth().preemptive().basic("operator", Operator.TOKEN).contentType(ContentType.JSON)
                .body(Map.of("notes", "x")).when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(401);
        assertTrue(!"x".equals(slave(farm.slave(1)).getString("notes")), "the slave's notes are unchanged");
    }

    @Test
    void shouldRefuseCreatesAndImportsOfARequester() {
        as(TestTokens.requester("buildbot", "production")).contentType(ContentType.JSON).body(Map.of("name", "sneaky"))
                .when().post("/api/distros").then().statusCode(403);
        anonymously().contentType(ContentType.JSON).body(Map.of("distros", List.of(Map.of("name", "sneaky"))))
                .when().post("/api/import").then().statusCode(401);
        Operator.operator().when().get("/api/distros/sneaky?byname=1").then().statusCode(404);
    }

    @Test
    void shouldAcceptAWriteOfTheOperator() {
        Farm farm = Farm.named("auth").withMasters(1).withSlaves(1).importWith(importer);

        Operator.operator().body(Map.of("notes", "checked"))
                .when().put("/api/slaves/" + farm.slave(1) + "?byname=1")
                .then().statusCode(200).body("notes", equalTo("checked"));
    }

    @Test
    void shouldLetAViewerReadButNotAnybody() {
        as(TestTokens.of(Roles.VIEWER)).when().get("/api/masters").then().statusCode(200);
        anonymously().when().get("/api/masters").then().statusCode(401);
    }
}
