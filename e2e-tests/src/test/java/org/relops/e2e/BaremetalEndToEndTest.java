package org.relops.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.relops.testing.OperatorKey;
import org.relops.testing.VirtualBaremetal;

import io.restassured.path.json.JsonPath;

/**
 * Bare metal behind BMCs, on the virtual bare metal of the end-to-end inventory (a qemu host behind its own
 * IPMI BMC per system, spoken to with ipmitool over lanplus exactly like a real one): machines are powered on
 * through their BMCs, PXE-boot on their rack's segment through relops' DHCP and iPXE, phone home and answer
 * SSH; a host killed outright is seen powered off and replaced on another host with the same hostname (and an
 * empty volume: a host's disk does not move); decommissioning powers them off, and a new machine on a host
 * that still holds an earlier machine's volume starts with an empty one, which a reimage keeps; a decommission with wipe boots the
 * host into its wipe step, which zeroes its disk and reports it before the host is powered off. A BMC that
 * refuses relops' credentials, and one that does not answer, fail their machine with that reason.
 */
@Tag("vm")
class BaremetalEndToEndTest {

    private static final Duration BOOT = Duration.ofMinutes(10);
    private static RelopsStack stack;
    private static VirtualBaremetal baremetal;

    @BeforeAll
    static void startStack() {
        stack = RelopsStack.shared();
        baremetal = stack.baremetal();
    }

    @Test
    void shouldPowerOnPxeBootReplaceAndPowerOffBareMetalHostsThroughTheirBmcs() {
        String id = stack.submit("relops-bare", 2, "baremetal");
        JsonPath request = stack.awaitRequest(id, "fulfilled", BOOT);

        List<Map<String, Object>> machines = request.getList("machines");
        Set<String> systems = machines.stream().map(m -> (String) m.get("systemName")).collect(Collectors.toSet());
        assertEquals(2, systems.size());
        for (Map<String, Object> machine : machines) {
            String system = (String) machine.get("systemName");
            assertTrue(power(system).contains("Chassis Power is on"), system + " is powered on: " + power(system));
            OperatorKey.Result hostname = stack.operatorKey().ssh((String) machine.get("address"),
                    knownHosts(system), false, "hostname");
            assertEquals(0, hostname.exitStatus(), hostname.output());
            assertEquals(machine.get("hostname"), hostname.output().strip());
        }

        String victim = (String) machines.get(0).get("hostname");
        String victimSystem = (String) machines.get(0).get("systemName");
        ProcessHandle.of(baremetal.hostPid(victimSystem)).orElseThrow().destroyForcibly();
        await("replacement of " + victim).atMost(Duration.ofMinutes(1)).until(() -> given()
                .get(stack.url("request-service") + "/v1/machines/" + victim).then().extract()
                .<Integer>path("replacements") == 1);
        JsonPath replaced = stack.awaitRequest(id, "fulfilled", BOOT);
        Map<String, Object> replacement = replaced.getList("machines", Map.class).stream()
                .filter(m -> victim.equals(m.get("hostname"))).findFirst().orElseThrow();
        assertNotEquals(victimSystem, replacement.get("systemName"));
        assertTrue(power((String) replacement.get("systemName")).contains("Chassis Power is on"));
        List<String> diskStates = given().get(stack.url("imaging-service") + "/v1/machines/" + victim).then()
                .extract().jsonPath().getList("operations.diskState");
        assertEquals("fresh", diskStates.get(diskStates.size() - 1),
                "a replacement on another host starts with its own, empty disk: " + diskStates);

        given().delete(stack.url("request-service") + "/v1/requests/" + id).then().statusCode(202);
        stack.awaitRequest(id, "decommissioned", Duration.ofMinutes(2));
        Set<String> used = new java.util.HashSet<>(systems);
        for (Map<String, Object> machine : replaced.<Map<String, Object>>getList("machines")) {
            String system = (String) machine.get("systemName");
            used.add(system);
            assertTrue(power(system).contains("Chassis Power is off"), system + " is powered off: " + power(system));
        }

        // A new machine on a host that still holds an earlier machine's volume (decommissioned without wipe):
        // that volume is not the new machine's, which starts with an empty one.
        String next = stack.submit("relops-bare", 1, "baremetal");
        Map<String, Object> newcomer = stack.awaitRequest(next, "fulfilled", BOOT).getMap("machines[0]");
        assertTrue(used.contains((String) newcomer.get("systemName")), "placed on a host used before: " + newcomer);
        List<String> newcomerDisks = given().get(stack.url("imaging-service") + "/v1/machines/"
                + newcomer.get("hostname")).then().extract().jsonPath().getList("operations.diskState");
        assertEquals(List.of("fresh"), newcomerDisks, "another machine's volume is not handed on");

        // Reimaged in place: the BMC power-cycles the host into a new PXE boot, and its own disk is still there.
        String newcomerUrl = stack.url("imaging-service") + "/v1/machines/" + newcomer.get("hostname");
        given().contentType(io.restassured.http.ContentType.JSON).body(Map.of()).post(newcomerUrl + "/reimage")
                .then().statusCode(202);
        await("reimage of " + newcomer.get("hostname")).atMost(BOOT).until(() -> "booted".equals(given()
                .get(newcomerUrl).then().extract().path("operations[1].state")));
        assertEquals("intact", given().get(newcomerUrl).then().extract().path("operations[1].diskState"));
        assertEquals(newcomer.get("systemName"), given().get(newcomerUrl).then().extract().path("systemName"));
        given().delete(stack.url("request-service") + "/v1/requests/" + next).then().statusCode(202);
        stack.awaitRequest(next, "decommissioned", Duration.ofMinutes(2));
    }

    @Test
    void shouldZeroABareMetalHostsDiskInItsWipeStepBeforePoweringItOff() throws Exception {
        String id = stack.submit("relops-bare", 1, "baremetal");
        Map<String, Object> machine = stack.awaitRequest(id, "fulfilled", BOOT).getMap("machines[0]");
        String hostname = (String) machine.get("hostname");
        String system = (String) machine.get("systemName");
        Path disk = baremetal.stateOf(system).resolve("disk.img");
        assertFalse(allZero(disk), "the host's disk holds the machine's volume before the wipe");

        given().delete(stack.url("request-service") + "/v1/requests/" + id + "?wipe=true").then().statusCode(202);
        stack.awaitRequest(id, "decommissioned", Duration.ofMinutes(6));

        JsonPath imaged = given().get(stack.url("imaging-service") + "/v1/machines/" + hostname).then().extract()
                .jsonPath();
        assertEquals("destroyed", imaged.getString("state"));
        assertEquals(1, imaged.getInt("wipeBoots"));
        assertEquals(Files.size(disk), imaged.getLong("wipedBytes"), "the wipe step zeroed the whole disk");
        assertTrue(allZero(disk), "every byte of the host's disk is zero after the wipe");
        assertTrue(power(system).contains("Chassis Power is off"), system + " is powered off: " + power(system));
    }

    /** Whether every byte of a host's disk image is zero (reads it all). */
    private static boolean allZero(Path disk) throws java.io.IOException {
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(disk), 1 << 20)) {
            byte[] buffer = new byte[1 << 20];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void shouldFailAMachineWhoseBmcRefusesTheCredentialsWithThatReason() throws Exception {
        Path secret = baremetal.secrets().resolve("bmc/e2e-bm-wrong-password");
        Files.writeString(secret, "relops:not-its-password\n");

        String id = stack.submit("relops-bare", 1, "baremetal-wrong-password");

        String reason = awaitFailureOfFirstMachine(id);
        assertTrue(reason.contains("BMC 127.0.2.14 refused the credentials of user relops"), reason);
        assertFalse(reason.contains("not-its-password"), "the password is never in a reason");
    }

    @Test
    void shouldFailAMachineWhoseBmcDoesNotAnswerWithThatReason() {
        ProcessHandle.of(baremetal.bmcPid("e2e-bm-unreachable")).orElseThrow().destroyForcibly();

        String id = stack.submit("relops-bare", 1, "baremetal-unreachable");

        String reason = awaitFailureOfFirstMachine(id);
        assertTrue(reason.contains("BMC 127.0.2.15 does not answer"), reason);
    }

    @Test
    void shouldFailAHostThatNetworkBootsAgainAfterItWasImagedWithThatReason() {
        String id = stack.submit("relops-bare", 1, "baremetal-reboots");
        Map<String, Object> machine = stack.awaitRequest(id, "fulfilled", BOOT).getMap("machines[0]");

        // A reboot from inside the host: the firmware PXE-boots again, which relops did not ask for.
        stack.operatorKey().ssh((String) machine.get("address"), knownHosts("e2e-bm-reboots"), false,
                "(sleep 1; reboot -f) >/dev/null 2>&1 &");

        String reason = awaitFailureOfFirstMachine(id);
        assertTrue(reason.startsWith("rebooted by itself: it network-booted again"), reason);
    }

    @Test
    void shouldFailAHostThatNeverNetworkBootsWithThatReasonAndPowerItOff() throws java.io.IOException {
        // Its firmware boots its (empty) disk whatever boot device it is given.
        Files.writeString(baremetal.stateOf("e2e-bm-no-pxe").resolve("fault-ignore-bootdev"), "");

        String id = stack.submit("relops-bare", 1, "baremetal-no-pxe");

        String reason = awaitFailureOfFirstMachine(id);
        assertTrue(reason.startsWith("never network-booted: it was started 90 s ago and has not asked for its"
                + " iPXE script"), reason);
        await("power off of e2e-bm-no-pxe").atMost(Duration.ofMinutes(1))
                .until(() -> power("e2e-bm-no-pxe").contains("Chassis Power is off"));
        String hostname = given().get(stack.url("request-service") + "/v1/requests/" + id).then().extract()
                .path("machines[0].hostname");
        List<String> states = given().get(stack.url("imaging-service") + "/v1/machines/" + hostname).then()
                .extract().jsonPath().getList("operations.state");
        assertEquals(List.of("failed"), states, "one boot, failed; no loop of boots on the same host");
    }

    /** The reason imaging-service failed the request's first machine with, once it did. */
    private static String awaitFailureOfFirstMachine(String id) {
        String hostname = await("a machine of request " + id).atMost(Duration.ofMinutes(1)).until(() -> given()
                .get(stack.url("request-service") + "/v1/requests/" + id).then().extract()
                .<String>path("machines[0].hostname"), h -> h != null);
        return await("failure of " + hostname).atMost(Duration.ofMinutes(3)).until(() -> given()
                .get(stack.url("imaging-service") + "/v1/machines/" + hostname).then().extract()
                .<String>path("operations[0].reason"), r -> r != null);
    }

    private static String power(String system) {
        return baremetal.ipmitool(bmcAddressOf(system), "bmc/" + system, "chassis", "power", "status");
    }

    private static String bmcAddressOf(String system) {
        return given().get(stack.url("inventory-service") + "/v1/systems/" + system).then().extract()
                .path("identity.bmcAddress");
    }

    private static Path knownHosts(String system) {
        return stack.root().resolve("e2e-tests/target/ssh/known_hosts-" + system);
    }
}
