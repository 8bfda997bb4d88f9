package org.relops.request.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The conventions every service's API shares, on request-service: enum values in any case, and errors that list what is allowed. */
@QuarkusTest
class ApiConventionsTest {

    private static String body(String spread) {
        return "{\"image\":\"releng-talos-linux64\",\"count\":1,\"appEnvironment\":\"production\","
                + "\"constraints\":{\"spread\":\"" + spread + "\"}}";
    }

    @Test
    void shouldReadAnEnumValueInAnyCase() {
        given().contentType(ContentType.JSON).body(body("rack")).post("/v1/requests").then().statusCode(202)
                .body("constraints.spread", equalTo("RACK"));
    }

    @Test
    void shouldListTheAllowedValuesOfAnEnumItRefuses() {
        given().contentType(ContentType.JSON).body(body("building")).post("/v1/requests").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("field 'constraints.spread' has an invalid value 'building'; allowed: NONE, "
                        + "RACK, ROW, DATACENTER"));
    }
}
