package org.relops.imaging.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.TestNetwork;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The wipe step's report ({@code POST /boot/wiped}) is taken only from a machine being destroyed with a wipe boot
 * under way, with that boot's token; anything else is refused with a problem saying why, and changes nothing.
 * (The whole wipe step, on virtual bare metal, is in the end-to-end tests.)
 */
@QuarkusTest
class WipeReportTest extends OnTheBus {

    @Test
    void shouldRefuseAWipeReportFromAMachineWithNoWipeStepUnderWay() {
        String host = MachineResourceTest.bootedSimulatedMachine();
        String mac = given().get("/v1/machines/" + host).then().extract().path("network.mac");

        given().contentType(ContentType.URLENC).formParam("mac", mac).formParam("token", "anything")
                .formParam("bytes", "1048576").post("/boot/wiped").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString(host + " has no wipe step under way"));
        given().get("/v1/machines/" + host).then().statusCode(200)
                .body("state", equalTo("booted"))
                .body("wipedAt", nullValue());
    }

    @Test
    void shouldRefuseAWipeReportFromAnUnknownMacOrAMalformedOne() {
        given().contentType(ContentType.URLENC).formParam("mac", "52:54:00:99:99:97").formParam("token", "t")
                .formParam("bytes", "0").post("/boot/wiped").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("no machine with MAC"));
        given().contentType(ContentType.URLENC).formParam("mac", "not-a-mac").formParam("token", "t")
                .formParam("bytes", "0").post("/boot/wiped").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("is not a MAC address"));
        given().contentType(ContentType.URLENC).formParam("mac", TestNetwork.simulated().mac())
                .formParam("token", "t").formParam("bytes", "lots").post("/boot/wiped").then().statusCode(400);
    }
}
