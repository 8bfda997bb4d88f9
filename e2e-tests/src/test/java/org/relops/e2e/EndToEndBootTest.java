package org.relops.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.relops.testing.OperatorKey;

import io.restassured.path.json.JsonPath;

/**
 * Real virtual machines on the environment's bridged segments: qemu under TCG, on a tap of its
 * segment's bridge, takes its inventory address from relops' DHCP and network-boots through iPXE from
 * imaging-service, the boot agent phones home from that address, DNS follows, and each machine answers SSH at
 * the address its DNS name resolves to and resolves unqualified names through its search path. The machines
 * run {@code relops-bare}, the netboot image that boots in seconds and runs no role: this is about networks and
 * providers ({@link BuildbotEndToEndTest} boots the real images). Then the same machines die and are replaced, and are
 * decommissioned leaving nothing behind.
 */
@Tag("vm")
class EndToEndBootTest {

    private static final Duration BOOT = Duration.ofMinutes(8);
    private static final String QEMU = "qemu-vm";

    private static RelopsStack stack;

    @BeforeAll
    static void startStack() {
        stack = RelopsStack.shared();
    }

    @Test
    void shouldBootTwoMachinesOnTheirSegmentsAtTheirInventoryAddressesAndLeaveNothingBehindOnDecommission()
            throws Exception {
        String id = submit(2);

        JsonPath request = awaitState(id, "fulfilled", BOOT);

        List<Map<String, Object>> machines = request.getList("machines");
        Map<String, String> reservations = new java.util.HashMap<>();
        for (Map<String, Object> machine : machines) {
            String hostname = (String) machine.get("hostname");
            JsonPath imaged = given().get(stack.url("imaging-service") + "/v1/machines/" + hostname).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals("qemu", imaged.getString("provider"));
            JsonPath system = given().get(stack.url("inventory-service") + "/v1/systems/" + machine.get("systemName"))
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(system.getString("nic.address"), machine.get("address"),
                    "the machine's address is the one inventory assigned its system");
            assertTrue(InetAddress.getByName((String) machine.get("address")).isReachable(5000),
                    "this host reaches " + hostname + " at " + machine.get("address"));
            reservations.put(hostname, dhcpReservation(system.getString("nic.segment"), system.getString("nic.mac"))
                    .toString());
            assertTrue(Files.exists(Path.of(reservations.get(hostname))), "no DHCP reservation for " + hostname);
            assertEquals(machine.get("imageDigest"), imaged.getString("operations[0].imageDigest"));
            String address = DnsQuery.addressOf(hostname + "." + RelopsStack.ZONE, RelopsStack.DNS_PORT);
            assertEquals(machine.get("address"), address);
            OperatorKey.Result ssh = stack.operatorKey().ssh(address, knownHosts(hostname), false, "hostname");
            assertEquals(0, ssh.exitStatus(), "ssh root@" + address + " hostname: " + ssh.output());
            assertEquals(hostname, ssh.output().strip(), "the machine at " + hostname + "'s DNS address");
            assertTrue(qemuOf(hostname).isPresent(), "no qemu process for " + hostname);
        }

        assertNamesResolveInsideTheMachines(machines);

        given().delete(stack.url("request-service") + "/v1/requests/" + id + "?wipe=true").then().statusCode(202);

        awaitState(id, "decommissioned", Duration.ofMinutes(2));
        for (Map<String, Object> machine : machines) {
            String hostname = (String) machine.get("hostname");
            assertFalse(qemuOf(hostname).isPresent(), "qemu still runs for " + hostname);
            assertFalse(Files.exists(machineDirectory(hostname)), "files left behind for " + hostname);
            assertFalse(Files.exists(Path.of(reservations.get(hostname))), "DHCP lease left behind for " + hostname);
        }
    }

    /**
     * From inside the first machine (over SSH): an unqualified service name resolves through the search domain
     * its DHCP lease gave, at its environment's DNS server, and the peer answers at the address its unqualified
     * hostname resolves to. (busybox's resolver is its nslookup; its ping resolves no names itself.)
     */
    private static void assertNamesResolveInsideTheMachines(List<Map<String, Object>> machines) {
        String first = (String) machines.get(0).get("hostname");
        String firstAddress = (String) machines.get(0).get("address");
        String peer = (String) machines.get(1).get("hostname");
        String peerAddress = (String) machines.get(1).get("address");

        OperatorKey.Result service = stack.operatorKey().ssh(firstAddress, knownHosts(first), false,
                "nslookup slavealloc");
        assertTrue(service.output().contains("slavealloc." + RelopsStack.ZONE)
                && service.output().contains("Address: " + stack.network().servicesAddress()), service.output());
        OperatorKey.Result ping = stack.operatorKey().ssh(firstAddress, knownHosts(first), false,
                "ping -c 1 -W 5 $(nslookup " + peer + " | sed -n 's/^Address: //p' | tail -n 1)");
        assertEquals(0, ping.exitStatus(), first + " pinging its peer " + peer + " by name: " + ping.output());
        assertTrue(ping.output().contains(peerAddress), ping.output());
    }

    /** A known_hosts file of the test's own for one machine. */
    private static Path knownHosts(String hostname) {
        return stack.root().resolve("e2e-tests/target/ssh/known_hosts-" + hostname);
    }

    /** The DHCP reservation imaging-service keeps for a MAC on a segment (dnsmasq's hosts directory). */
    private static Path dhcpReservation(String segment, String mac) {
        return stack.imagingData().resolve("dhcp").resolve(segment).resolve("hosts")
                .resolve(mac.replace(':', '-'));
    }

    @Test
    void shouldReplaceAKilledMachineWithTheSameHostnameAndKeepItsDisk() {
        String id = submit(1);
        JsonPath request = awaitState(id, "fulfilled", BOOT);
        String hostname = request.getString("machines[0].hostname");
        String firstSystem = request.getString("machines[0].systemName");
        ProcessHandle qemu = qemuOf(hostname).orElseThrow();

        qemu.destroyForcibly();

        await("replacement of " + hostname).atMost(Duration.ofMinutes(1))
                .until(() -> given().get(machineUrl(hostname)).then().extract().<Integer>path("replacements") == 1);
        JsonPath replaced = awaitState(id, "fulfilled", BOOT);
        assertEquals(hostname, replaced.getString("machines[0].hostname"));
        assertNotEquals(firstSystem, replaced.getString("machines[0].systemName"));
        given().get(stack.url("inventory-service") + "/v1/systems/" + firstSystem).then()
                .body("state", equalTo("quarantined"));
        List<String> diskStates = given().get(stack.url("imaging-service") + "/v1/machines/" + hostname).then()
                .extract().jsonPath().getList("operations.diskState");
        assertTrue(diskStates.contains("fresh") && diskStates.contains("intact"),
                "the first boot should format the disk and the replacement find it intact: " + diskStates);
        assertEquals(replaced.getString("machines[0].address"),
                DnsQuery.addressOf(hostname + "." + RelopsStack.ZONE, RelopsStack.DNS_PORT));

        given().delete(stack.url("request-service") + "/v1/requests/" + id + "?wipe=true").then().statusCode(202);
        awaitState(id, "decommissioned", Duration.ofMinutes(2));
        assertFalse(qemuOf(hostname).isPresent());
    }

    @Test
    void shouldKeepFollowingItsMachinesWhenImagingServiceIsKilledAndRestarted() {
        String id = submit(1);
        JsonPath request = awaitState(id, "fulfilled", BOOT);
        String hostname = request.getString("machines[0].hostname");
        ProcessHandle qemu = qemuOf(hostname).orElseThrow();
        ServiceProcess imaging = stack.service("imaging-service");

        imaging.kill();
        assertTrue(qemu.isAlive(), "the machine must not die with the service");
        java.time.Instant restarted = java.time.Instant.now();
        imaging.start().awaitReady();

        // Followed on: heartbeats accepted by the new process, the same qemu, no failure, no replacement.
        await("a heartbeat of " + hostname + " after the restart").atMost(Duration.ofMinutes(1)).until(() -> {
            String beat = given().get(stack.url("imaging-service") + "/v1/machines/" + hostname).then().extract()
                    .path("operations[-1].lastHeartbeatAt");
            return beat != null && java.time.OffsetDateTime.parse(beat).toInstant().isAfter(restarted);
        });
        assertTrue(qemu.isAlive(), "the restarted service must not restart the machine");
        given().get(stack.url("imaging-service") + "/v1/machines/" + hostname).then()
                .body("state", equalTo("booted")).body("operations.size()", equalTo(1));
        assertEquals(0, (int) given().get(machineUrl(hostname)).then().extract().<Integer>path("replacements"));
        assertEquals("fulfilled", given().get(stack.url("request-service") + "/v1/requests/" + id).then().extract()
                .path("state"));

        given().delete(stack.url("request-service") + "/v1/requests/" + id + "?wipe=true").then().statusCode(202);
        awaitState(id, "decommissioned", Duration.ofMinutes(2));
        assertFalse(qemu.isAlive(), "decommissioning stops the machine");
    }

    private static String machineUrl(String hostname) {
        return stack.url("request-service") + "/v1/machines/" + hostname;
    }

    private static Optional<ProcessHandle> qemuOf(String hostname) {
        String name = "relops-" + hostname;
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains("qemu-system")
                        && line.contains(" -name " + name + " ")).orElse(false))
                .findFirst();
    }

    private static Path machineDirectory(String hostname) {
        return stack.imagingData().resolve("machines").resolve(hostname);
    }

    private static String submit(int count) {
        return stack.submit("relops-bare", count, QEMU);
    }

    private static JsonPath awaitState(String id, String state, Duration atMost) {
        return stack.awaitRequest(id, state, atMost);
    }
}
