package org.relops.imaging.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.provider.SimulatedProvider;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.value.Location;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class MachineResourceTest extends OnTheBus {


    static String bootedSimulatedMachine() {
        String host = uniqueHostname("t-rest");
        awaitSeedBuilt();
        bus.publish(new HostReserved("req-" + host, host, "vm-" + host, SimulatedProvider.KIND,
                TestNetwork.simulated(), Map.of(),
                
                new Location("mdc1", "r1", "rack1"), SEED_IMAGE, null, "production"));
        bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        return host;
    }

    @Test
    void shouldReimageAMachineToAPinnedVersion() {
        String host = bootedSimulatedMachine();

        given().contentType(ContentType.JSON).body(Map.of("version", "1"))
                .post("/v1/machines/" + host + "/reimage").then().statusCode(202)
                .body("operations[1].kind", equalTo("REIMAGE"));

        org.awaitility.Awaitility.await().untilAsserted(() ->
                assertThat(bus.events(MachineBooted.class, e -> e.hostname().equals(host)).size(), equalTo(2)));
        given().get("/v1/machines/" + host).then().body("operations[0].state", equalTo("CANCELLED"))
                .body("operations[1].state", equalTo("BOOTED")).body("operations[1].imageVersion", equalTo(1));
    }

    @Test
    void shouldNotReimageAMachineItDoesNotKnow() {
        given().contentType(ContentType.JSON).body(Map.of())
                .post("/v1/machines/no-such-machine/reimage").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-machine"));
    }

    @Test
    void shouldRefuseToReimageToAVersionThatWasNeverBuilt() {
        String host = bootedSimulatedMachine();

        given().contentType(ContentType.JSON).body(Map.of("version", "77"))
                .post("/v1/machines/" + host + "/reimage").then().statusCode(422)
                .body("detail", containsString("no built version '77'"));
    }

    @Test
    void shouldRefuseToReimageADestroyedMachine() {
        String host = bootedSimulatedMachine();
        bus.publish(new DecommissionRequested("req-" + host, host, null, false));
        bus.awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));

        given().contentType(ContentType.JSON).body(Map.of())
                .post("/v1/machines/" + host + "/reimage").then().statusCode(409)
                .body("detail", containsString("destroyed"));
    }

    @Test
    void shouldSayWhenAMachineHasNoConsole() {
        String host = bootedSimulatedMachine();

        given().get("/v1/machines/" + host + "/console").then().statusCode(404)
                .body("detail", containsString("no console log"));
    }
}
