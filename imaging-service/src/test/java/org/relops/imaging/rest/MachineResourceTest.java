package org.relops.imaging.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.relops.imaging.ListPages;
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
import io.restassured.path.json.JsonPath;

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
    void shouldListMachinesByHostnameOnePageAtATimeWithTheirOperations() {
        String one = bootedSimulatedMachine();
        String other = bootedSimulatedMachine();

        JsonPath listed = ListPages.all("/v1/machines");
        List<String> hostnames = listed.getList("items.hostname");
        assertThat(hostnames, hasItems(one, other));
        assertThat("by hostname", hostnames.indexOf(one) < hostnames.indexOf(other), equalTo(one.compareTo(other) < 0));
        String item = "items[" + hostnames.indexOf(one) + "]";
        assertThat(listed.getString(item + ".state"), equalTo("booted"));
        assertThat(listed.getString(item + ".systemName"), equalTo("vm-" + one));
        assertThat(listed.getString(item + ".operations[0].kind"), equalTo("provision"));
        assertThat(listed.getString(item + ".operations[0].state"), equalTo("booted"));
        assertThat("a version is a number", listed.get(item + ".operations[0].imageVersion"),
                instanceOf(Integer.class));
        ListPages.assertPagesThrough("/v1/machines", "hostname");
    }

    @Test
    void shouldReimageAMachineToAPinnedVersion() {
        String host = bootedSimulatedMachine();

        given().contentType(ContentType.JSON).body(Map.of("imageVersion", 1))
                .post("/v1/machines/" + host + "/reimage").then().statusCode(202)
                .body("operations[1].kind", equalTo("reimage"));

        org.awaitility.Awaitility.await().untilAsserted(() ->
                assertThat(bus.events(MachineBooted.class, e -> e.hostname().equals(host)).size(), equalTo(2)));
        given().get("/v1/machines/" + host).then().body("operations[0].state", equalTo("cancelled"))
                .body("operations[1].state", equalTo("booted")).body("operations[1].imageVersion", equalTo(1));
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

        given().contentType(ContentType.JSON).body(Map.of("imageVersion", 77))
                .post("/v1/machines/" + host + "/reimage").then().statusCode(422)
                .body("detail", containsString("no built version '77'"));
    }

    @Test
    void shouldRefuseAReimageBodyThatIsNotAVersionNumber() {
        String host = bootedSimulatedMachine();

        given().contentType(ContentType.JSON).body(Map.of("imageVersion", 0))
                .post("/v1/machines/" + host + "/reimage").then().statusCode(400)
                .body("detail", containsString("imageVersion must be a version number (1 or more)"));
        given().contentType(ContentType.JSON).body(Map.of("imageVersion", "latest"))
                .post("/v1/machines/" + host + "/reimage").then().statusCode(400)
                .body("detail", containsString("field 'imageVersion' has an invalid value 'latest'"));
        // the name before the API conventions: refused, not taken for "the newest"
        given().contentType(ContentType.JSON).body(Map.of("version", "2"))
                .post("/v1/machines/" + host + "/reimage").then().statusCode(400)
                .body("detail", containsString("unknown field 'version'"));
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
