package org.relops.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relops.request.RequestFixtures.IMAGE;
import static org.relops.request.RequestFixtures.awaitMachineState;
import static org.relops.request.RequestFixtures.awaitState;
import static org.relops.request.RequestFixtures.bringUp;
import static org.relops.request.RequestFixtures.booted;
import static org.relops.request.RequestFixtures.hostnamesOf;
import static org.relops.request.RequestFixtures.reserved;
import static org.relops.request.RequestFixtures.submit;
import static org.relops.request.RequestFixtures.uniqueVersion;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.DnsRecordPublished;
import org.relops.model.event.DnsRecordRemoved;
import org.relops.model.event.HostReleased;
import org.relops.model.event.ImageVersionSuspect;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.MachineProvisioning;
import org.relops.model.event.MachineReplacementRequested;
import org.relops.model.event.RequestDecommissioned;
import org.relops.model.event.RequestFailed;
import org.relops.model.event.RequestFulfilled;
import org.relops.model.event.RequestStuck;
import org.relops.model.event.SlaveReleased;
import org.relops.testing.WithBusProbe;

import io.quarkus.test.junit.QuarkusTest;

/** Failover with its runaway guard, per-machine decommission, and status a person can read. */
@QuarkusTest
class FailoverAndStatusTest extends WithBusProbe {

    @Test
    void shouldReplaceADeadMachineWithTheSameHostnameAndFulfilAgain() {
        String id = submit(IMAGE, 1);
        String hostname = hostnamesOf(bus, id).get(0);
        bringUp(bus, id, hostname, "sys-a-" + hostname);
        bus.awaitEvent(RequestFulfilled.class, event -> event.requestId().equals(id));

        bus.publish(new MachineFailed(id, hostname, "sys-a-" + hostname, "missed 3 heartbeats"));

        MachineReplacementRequested replacement = bus.awaitEvent(MachineReplacementRequested.class,
                event -> event.hostname().equals(hostname));
        assertEquals("sys-a-" + hostname, replacement.failedSystemName());
        assertEquals("missed 3 heartbeats", replacement.reason());
        awaitMachineState(hostname, "replacing");
        given().get("/v1/requests/" + id).then().body("state", equalTo("provisioning"))
                .body("step", containsString("being replaced"));

        bringUp(bus, id, hostname, "sys-b-" + hostname);

        awaitMachineState(hostname, "ready");
        awaitState(id, "fulfilled");
        given().get("/v1/machines/" + hostname).then().body("systemName", equalTo("sys-b-" + hostname))
                .body("replacements", equalTo(1));
        assertEquals(2, bus.events(RequestFulfilled.class, event -> event.requestId().equals(id)).size());
    }

    @Test
    void shouldStopReplacingAnImageVersionThatKeepsFailingToBoot() {
        String version = uniqueVersion();
        String id = submit(IMAGE + ":" + version, 1);
        String hostname = hostnamesOf(bus, id).get(0);

        for (int attempt = 1; attempt <= 3; attempt++) {
            String system = "sys-" + attempt + "-" + hostname;
            bus.publish(reserved(id, hostname, system));
            bus.publish(new MachineProvisioning(id, hostname, system, IMAGE, version, "sha256:broken"));
            awaitMachineState(hostname, "provisioning");
            bus.publish(new MachineFailed(id, hostname, system, "no phone-home within 120 s (attempt " + attempt + ")"));
            if (attempt < 3) {
                int expected = attempt;
                bus.awaitEvent(MachineReplacementRequested.class,
                        event -> event.hostname().equals(hostname) && event.reason().contains("attempt " + expected));
            }
        }

        ImageVersionSuspect suspect = bus.awaitEvent(ImageVersionSuspect.class,
                event -> event.imageVersion().equals(version));
        assertEquals(3, suspect.consecutiveFailures());
        RequestFailed failed = bus.awaitEvent(RequestFailed.class, event -> event.requestId().equals(id));
        assertTrue(failed.reason().contains("suspect"), failed.reason());
        assertEquals(2, bus.events(MachineReplacementRequested.class, event -> event.hostname().equals(hostname)).size());
        given().get("/v1/image-health?size=1000").then()
                .body("items.find { it.imageVersion == " + version + " }.suspect", equalTo(true));

        given().delete("/v1/image-health/" + IMAGE + "/" + version + "/suspect").then().statusCode(204);
        given().delete("/v1/image-health/" + IMAGE + "/" + version + "/suspect").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldGiveUpOnAMachineThatFailsBeforeAnyImageIsPutOnIt() {
        String version = uniqueVersion();
        String id = submit(IMAGE + ":" + version, 1);
        String hostname = hostnamesOf(bus, id).get(0);

        for (int attempt = 1; attempt <= 4; attempt++) {
            String system = "sys-" + attempt + "-" + hostname;
            bus.publish(reserved(id, hostname, system));
            awaitMachineState(hostname, "reserved");
            bus.publish(new MachineFailed(id, hostname, system, "provider refused (attempt " + attempt + ")"));
            if (attempt < 4) {
                int expected = attempt;
                bus.awaitEvent(MachineReplacementRequested.class,
                        event -> event.hostname().equals(hostname) && event.reason().contains("attempt " + expected));
            }
        }

        RequestFailed failed = bus.awaitEvent(RequestFailed.class, event -> event.requestId().equals(id));
        assertTrue(failed.reason().contains("attempt 4"), failed.reason());
        assertTrue(bus.events(ImageVersionSuspect.class, event -> event.imageVersion().equals(version)).isEmpty(),
                "a failure before any image was booted must not make the version suspect");
    }

    @Test
    void shouldNotCountAFailureBeforeTheProviderStartedTheMachineAgainstTheImage() {
        String version = uniqueVersion();
        String id = submit(IMAGE + ":" + version, 1);
        String hostname = hostnamesOf(bus, id).get(0);

        for (int attempt = 1; attempt <= 4; attempt++) {
            String system = "sys-" + attempt + "-" + hostname;
            bus.publish(reserved(id, hostname, system));
            // imaging-service chose the version, then the provider could not start the machine
            bus.publish(new MachineProvisioning(id, hostname, system, IMAGE, version, "sha256:fine"));
            awaitMachineState(hostname, "provisioning");
            bus.publish(new MachineFailed(id, hostname, system, "BMC 10.0.0.1 refused the credentials (attempt "
                    + attempt + ")", false));
            if (attempt < 4) {
                int expected = attempt;
                bus.awaitEvent(MachineReplacementRequested.class,
                        event -> event.hostname().equals(hostname) && event.reason().contains("attempt " + expected));
            }
        }

        RequestFailed failed = bus.awaitEvent(RequestFailed.class, event -> event.requestId().equals(id));
        assertTrue(failed.reason().contains("without an image ever being put on it"), failed.reason());
        assertTrue(bus.events(ImageVersionSuspect.class, event -> event.imageVersion().equals(version)).isEmpty(),
                "a provider's failure to start the machine must not make the version suspect");
    }

    @Test
    void shouldNotCountAFailureAfterBootAgainstTheImage() {
        String version = uniqueVersion();
        String id = submit(IMAGE + ":" + version, 1);
        String hostname = hostnamesOf(bus, id).get(0);
        bus.publish(reserved(id, hostname, "sys-" + hostname));
        bus.publish(booted(id, hostname, "sys-" + hostname, version));
        awaitMachineState(hostname, "booted");

        bus.publish(new MachineFailed(id, hostname, "sys-" + hostname, "qemu exited"));

        bus.awaitEvent(MachineReplacementRequested.class, event -> event.hostname().equals(hostname));
        given().get("/v1/image-health").then()
                .body("items.find { it.imageVersion == " + version + " }.consecutiveFailures", equalTo(0));
    }

    @Test
    void shouldReportARequestStuckPastItsDeadline() {
        String id = submit(IMAGE, 1);

        RequestStuck stuck = bus.awaitEvent(RequestStuck.class, event -> event.requestId().equals(id));

        assertEquals("PLACING", stuck.state());
        assertEquals("waiting for inventory-service to place 1 machine(s)", stuck.step());
        given().get("/v1/requests/" + id).then().body("stuck", equalTo(true))
                .body("step", equalTo("waiting for inventory-service to place 1 machine(s)"));
        assertEquals(1, bus.events(RequestStuck.class, event -> event.requestId().equals(id)).size());
    }

    @Test
    void shouldGiveUpARequestPastItsDeadlineAndTakeItsMachinesDown() {
        String id = submit(IMAGE, 2);
        List<String> hostnames = hostnamesOf(bus, id);

        // nothing places it (no inventory-service here): after relops.requests.fail-after (30 s in tests)
        RequestFailed failed = bus.awaitEvent(RequestFailed.class, event -> event.requestId().equals(id),
                java.time.Duration.ofSeconds(90));

        assertEquals("given up after 30 s in PLACING: waiting for inventory-service to place 2 machine(s)",
                failed.reason());
        given().get("/v1/requests/" + id).then().body("state", equalTo("failed"))
                .body("reason", equalTo(failed.reason()));
        for (String hostname : hostnames) {
            bus.awaitEvent(DecommissionRequested.class, event -> event.hostname().equals(hostname));
            awaitMachineState(hostname, "decommissioning");
        }
    }

    @Test
    void shouldDecommissionOneMachineByHostnameAndTheRequestWithItsLast() {
        String id = submit(IMAGE, 2);
        List<String> hostnames = hostnamesOf(bus, id);
        hostnames.forEach(hostname -> bringUp(bus, id, hostname, "sys-" + hostname));
        awaitState(id, "fulfilled");
        String first = hostnames.get(0);
        String second = hostnames.get(1);

        given().delete("/v1/machines/" + first + "?wipe=true").then().statusCode(202)
                .body("state", equalTo("decommissioning"));

        DecommissionRequested asked = bus.awaitEvent(DecommissionRequested.class, event -> event.hostname().equals(first));
        assertTrue(asked.wipeVolumes());
        answerDecommission(id, first);
        awaitMachineState(first, "decommissioned");
        given().get("/v1/requests/" + id).then().body("state", equalTo("fulfilled"));
        assertFalse(bus.events(DecommissionRequested.class, event -> event.hostname().equals(second)).iterator().hasNext());

        given().delete("/v1/machines/" + second).then().statusCode(202);
        bus.awaitEvent(DecommissionRequested.class, event -> event.hostname().equals(second));
        answerDecommission(id, second);

        bus.awaitEvent(RequestDecommissioned.class, event -> event.requestId().equals(id));
        given().delete("/v1/machines/not.qualified").then().statusCode(400).contentType("application/problem+json");
        given().get("/v1/machines/no-such-machine").then().statusCode(404);
    }

    private static void answerDecommission(String id, String hostname) {
        bus.publish(new SlaveReleased(id, hostname));
        bus.publish(new DnsRecordRemoved(id, hostname, hostname + ".local.relops.example"));
        bus.publish(new HostReleased(id, hostname, "sys-" + hostname));
    }
}
