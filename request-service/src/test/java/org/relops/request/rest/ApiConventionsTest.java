package org.relops.request.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The conventions every service's API shares, on request-service: enum values read in any case and written lower
 * case, errors that list what is allowed, a huge refused value quoted only in part, deep nesting refused as bad input.
 */
@QuarkusTest
class ApiConventionsTest {

    private static String body(String spread) {
        return "{\"image\":\"releng-talos-linux64\",\"count\":1,\"appEnvironment\":\"production\","
                + "\"constraints\":{\"spread\":\"" + spread + "\"}}";
    }

    @Test
    void shouldRefuseAControlCharacterInAPathOrAQueryBeforeAnythingReadsIt() {
        given().urlEncodingEnabled(false).get("/v1/requests/abc%00def").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the path holds a control character; names and ids have none"));
        given().urlEncodingEnabled(false).get("/v1/requests?state=FULFILLED%0A").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("query parameter 'state' holds a control character; names, ids and "
                        + "filters have none"));
    }

    @Test
    void shouldReadAnEnumValueInAnyCase() {
        for (String spread : new String[] {"rack", "RACK", "Rack"}) {
            given().contentType(ContentType.JSON).body(body(spread)).post("/v1/requests").then().statusCode(202)
                    .body("constraints.spread", equalTo("rack")).body("state", equalTo("submitted"));
        }
    }

    @Test
    void shouldQuoteOnlyTheStartOfAHugeValueItRefuses() {
        String huge = "x".repeat(5 * 1024 * 1024);

        String detail = given().contentType(ContentType.JSON).body("{\"image\":\"" + huge + "\",\"count\":1}")
                .post("/v1/requests").then().statusCode(400).contentType("application/problem+json").extract()
                .path("detail");

        assertThat(detail, startsWith("image name 'xxx"));
        assertThat(detail, endsWith("characters in all)"));
        assertThat(detail.length(), lessThan(1100));
    }

    @Test
    void shouldRefuseJsonNestedThousandsDeepAsBadInput() {
        given().contentType(ContentType.JSON).body("{\"constraints\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                .post("/v1/requests").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldListTheAllowedValuesOfAnEnumItRefuses() {
        given().contentType(ContentType.JSON).body(body("building")).post("/v1/requests").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("field 'constraints.spread' has an invalid value 'building'; allowed: none, "
                        + "rack, row, datacenter"));
    }
}
