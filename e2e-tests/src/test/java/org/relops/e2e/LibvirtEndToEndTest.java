package org.relops.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.relops.testing.LibvirtSession;
import org.relops.testing.OperatorKey;

import io.restassured.path.json.JsonPath;

/**
 * The same flow on real libvirt domains (the environment's qemu:///session daemon of an unprivileged user):
 * machines are defined and started by libvirt, network-boot on their segment, phone home and answer SSH; they
 * run on when imaging-service is killed and restarted; a domain killed outright is replaced with the same
 * hostname; a decommission with wipe removes the domains and their volumes. A request for a hardware class
 * with both libvirt and qemu systems is fulfilled on both.
 */
@Tag("vm")
class LibvirtEndToEndTest {

    private static final Duration BOOT = Duration.ofMinutes(10);
    private static RelopsStack stack;
    private static LibvirtSession libvirt;

    @BeforeAll
    static void startStack() {
        stack = RelopsStack.shared();
        libvirt = stack.libvirt();
    }

    @Test
    void shouldRunMachinesOnLibvirtDomainsThroughARestartOfImagingAndReplaceAKilledOne() {
        String id = stack.submit("relops-bare", 2, "libvirt-vm");
        JsonPath request = stack.awaitRequest(id, "fulfilled", BOOT);
        List<Map<String, Object>> machines = request.getList("machines");
        for (Map<String, Object> machine : machines) {
            String hostname = (String) machine.get("hostname");
            assertEquals("running", domainState(hostname), hostname);
            OperatorKey.Result answer = stack.operatorKey().ssh((String) machine.get("address"),
                    knownHosts(hostname), false, "hostname");
            assertEquals(0, answer.exitStatus(), answer.output());
            assertEquals(hostname, answer.output().strip());
        }
        String victim = (String) machines.get(0).get("hostname");
        String victimSystem = (String) machines.get(0).get("systemName");
        List<ProcessHandle> guests = machines.stream().map(m -> guestOf((String) m.get("hostname")).orElseThrow())
                .toList();

        ServiceProcess imaging = stack.service("imaging-service");
        imaging.kill();
        Instant restarted = Instant.now();
        imaging.start().awaitReady();
        for (Map<String, Object> machine : machines) {
            String hostname = (String) machine.get("hostname");
            await("a heartbeat of " + hostname + " after the restart").atMost(Duration.ofMinutes(1))
                    .until(() -> heartbeatAfter(hostname, restarted));
            given().get(stack.url("imaging-service") + "/v1/machines/" + hostname).then()
                    .body("state", equalTo("booted")).body("operations.size()", equalTo(1));
        }
        assertTrue(guests.stream().allMatch(ProcessHandle::isAlive), "the domains run on through the restart");
        assertEquals("fulfilled", given().get(stack.url("request-service") + "/v1/requests/" + id).then()
                .extract().path("state"));

        guests.get(0).destroyForcibly();
        await("replacement of " + victim).atMost(Duration.ofMinutes(1)).until(() -> given()
                .get(stack.url("request-service") + "/v1/machines/" + victim).then().extract()
                .<Integer>path("replacements") == 1);
        JsonPath replaced = stack.awaitRequest(id, "fulfilled", BOOT);
        Map<String, Object> replacement = replaced.getList("machines", Map.class).stream()
                .filter(m -> victim.equals(m.get("hostname"))).findFirst().orElseThrow();
        assertNotEquals(victimSystem, replacement.get("systemName"));
        assertEquals("running", domainState(victim));
        List<String> diskStates = given().get(stack.url("imaging-service") + "/v1/machines/" + victim).then()
                .extract().jsonPath().getList("operations.diskState");
        assertEquals("intact", diskStates.get(diskStates.size() - 1),
                "the volume in the daemon's pool follows the hostname to the replacement: " + diskStates);

        given().delete(stack.url("request-service") + "/v1/requests/" + id + "?wipe=true").then().statusCode(202);
        stack.awaitRequest(id, "decommissioned", Duration.ofMinutes(2));
        String domains = libvirt.virsh("list", "--all", "--name");
        String volumes = libvirt.virsh("vol-list", "relops");
        for (Map<String, Object> machine : machines) {
            String hostname = (String) machine.get("hostname");
            assertFalse(domains.contains("relops-" + hostname + "\n"), hostname + " undefined: " + domains);
            assertFalse(volumes.contains(hostname + "-data.img"), hostname + "'s volume wiped: " + volumes);
        }
    }

    @Test
    void shouldFulfilARequestOnLibvirtAndQemuSystemsOfOneHardwareClass() {
        String id = stack.submit("relops-bare", 2, "vm-mixed");
        JsonPath request = stack.awaitRequest(id, "fulfilled", BOOT);

        Set<String> providers = request.<Map<String, Object>>getList("machines").stream()
                .map(m -> given().get(stack.url("inventory-service") + "/v1/systems/" + m.get("systemName")).then()
                        .extract().<String>path("provider"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("libvirt", "qemu"), providers);
        for (Map<String, Object> machine : request.<Map<String, Object>>getList("machines")) {
            OperatorKey.Result answer = stack.operatorKey().ssh((String) machine.get("address"),
                    knownHosts((String) machine.get("hostname")), false, "hostname");
            assertEquals(0, answer.exitStatus(), answer.output());
        }

        given().delete(stack.url("request-service") + "/v1/requests/" + id + "?wipe=true").then().statusCode(202);
        stack.awaitRequest(id, "decommissioned", Duration.ofMinutes(2));
    }

    private static String domainState(String hostname) {
        return libvirt.virsh("domstate", "relops-" + hostname).strip();
    }

    private static boolean heartbeatAfter(String hostname, Instant instant) {
        String beat = given().get(stack.url("imaging-service") + "/v1/machines/" + hostname).then().extract()
                .path("operations[-1].lastHeartbeatAt");
        return beat != null && OffsetDateTime.parse(beat).toInstant().isAfter(instant);
    }

    /** The qemu process libvirt runs a machine's domain in. */
    private static Optional<ProcessHandle> guestOf(String hostname) {
        String guest = "guest=relops-" + hostname + ",";
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(guest))
                .orElse(false)).findFirst();
    }

    private static Path knownHosts(String hostname) {
        return stack.root().resolve("e2e-tests/target/ssh/known_hosts-" + hostname);
    }
}
