package org.relops.imaging.rest;

import java.util.Map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.ImageFixtures;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.provider.SimulatedProvider;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.value.Location;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Reboots by role policy, on simulated machines (the test-only provider: they boot at once); test roles:
 * test-slave every-boot, others on-request.
 */
@QuarkusTest
class MachineRebootTest extends OnTheBus {

    static String bootedOn(String image, String version) {
        String host = uniqueHostname("t-reboot");
        bus.publish(new HostReserved("req-" + host, host, "vm-" + host, SimulatedProvider.KIND,
                TestNetwork.simulated(), Map.of(),
                
                new Location("mdc1", "r1", "rack1"), image, version, "production"));
        bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        return host;
    }

    static MachineBooted rebootAndAwaitBoot(String host) {
        given().post("/v1/machines/" + host + "/reboot").then().statusCode(202)
                .body("operations[1].kind", equalTo("reboot"));
        await().until(() -> bus.events(MachineBooted.class, e -> e.hostname().equals(host)).size() == 2);
        return bus.events(MachineBooted.class, e -> e.hostname().equals(host)).get(1);
    }

    @Test
    void shouldRebootASlaveIntoItsImagesNewestVersion() {
        String image = ImageFixtures.imageWithVersions("t-slave", "test-slave");
        String host = bootedOn(image, null);
        ImageFixtures.addVersion(image, "test-slave-2");

        MachineBooted rebooted = rebootAndAwaitBoot(host);

        assertThat(rebooted.imageVersion(), equalTo("2"));
        assertThat(rebooted.imageDigest(), equalTo(ImageFixtures.digestOf(image, 2)));
        given().get("/v1/machines/" + host).then().body("state", equalTo("booted"))
                .body("operations[0].state", equalTo("cancelled")).body("operations[1].state", equalTo("booted"));
    }

    @Test
    void shouldRebootASlaveIntoTheVersionItsRequestPinned() {
        String image = ImageFixtures.imageWithVersions("t-pinned", "test-slave", "test-slave-2");
        String host = bootedOn(image, "1");

        MachineBooted rebooted = rebootAndAwaitBoot(host);

        assertThat(rebooted.imageVersion(), equalTo("1"));
        given().get("/v1/machines/" + host).then().body("pinnedVersion", equalTo(1));
    }

    @Test
    void shouldRebootAnOnRequestRoleIntoTheVersionItRuns() {
        String image = ImageFixtures.imageWithVersions("t-onrequest", "test-host");
        String host = bootedOn(image, null);
        ImageFixtures.addVersion(image, "test-host-2");

        MachineBooted rebooted = rebootAndAwaitBoot(host);

        assertThat(rebooted.imageVersion(), equalTo("1"));
    }

    @Test
    void shouldNotRebootAMachineItDoesNotKnow() {
        given().post("/v1/machines/no-such-machine/reboot").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-machine"));
    }
}
