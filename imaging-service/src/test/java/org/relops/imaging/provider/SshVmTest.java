package org.relops.imaging.provider;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.relops.imaging.ImageFixtures;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.TestOperatorKey;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.RelopsEvent;
import org.relops.model.value.Location;
import org.relops.testing.OperatorKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Real VMs (qemu under TCG, iPXE) of images with an SSH server: they answer SSH at their address with the
 * operator's key and keep their host key across a reimage; one whose SSH port does not answer is not booted;
 * without operator keys the server does not start and the machine boots as any other.
 */
@QuarkusTest
@Tag("vm")
class SshVmTest extends OnTheBus {

    static final Duration BOOT = Duration.ofSeconds(150);
    static final Path KNOWN_HOSTS = Path.of("target/ssh");

    static HostReserved reserved(String hostname, String mac, String image, String version) {
        return new HostReserved("req-" + hostname, hostname, "qemu-" + hostname, QemuProvider.KIND,
                TestNetwork.attachment(mac), Map.of(), new Location("local", "r1", "rack1"), image, version,
                "production");
    }

    @Test
    void shouldAnswerSshAtItsAddressWithItsHostnameAndKeepItsHostKeyAcrossAReimage() {
        String image = ImageFixtures.imageWithSshServer("vm-ssh", "test-host", "test-host-v2");
        String host = uniqueHostname("vm-ssh");
        Path knownHosts = KNOWN_HOSTS.resolve("known_hosts-" + host);
        bus.publish(reserved(host, "52:54:00:10:00:21", image, "1"));

        MachineBooted first = awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        OperatorKey.Result hostname = TestOperatorKey.KEY.ssh(first.address(), knownHosts, false, "hostname");
        assertThat(hostname.output(), hostname.exitStatus(), equalTo(0));
        assertThat(hostname.output().strip(), equalTo(host));
        String hostKey = OperatorKey.hostKeyOf(first.address());
        assertThat(console(host), containsString("relops-agent: ssh: listening on port 22"));

        given().contentType(ContentType.JSON).body(Map.of("imageVersion", 2)).post("/v1/machines/" + host + "/reimage")
                .then().statusCode(202);
        MachineBooted second = awaitEvent(MachineBooted.class,
                e -> e.hostname().equals(host) && e.imageVersion().equals("2"));

        assertThat(second.imageDigest(), not(equalTo(first.imageDigest())));
        assertThat("the host key survives the reimage on the data disk", OperatorKey.hostKeyOf(second.address()),
                equalTo(hostKey));
        OperatorKey.Result again = TestOperatorKey.KEY.ssh(second.address(), knownHosts, true,
                "cat", "/etc/relops/role");
        assertThat(again.output(), again.exitStatus(), equalTo(0));
        assertThat(again.output().strip(), equalTo("test-host-v2"));
        decommission(host);
    }

    @Test
    void shouldFailAMachineThatPhonesHomeButDoesNotAnswerSsh() throws Exception {
        String host = uniqueHostname("vm-nossh");
        String mac = "52:54:00:10:00:22";
        String address = TestNetwork.attachment(mac).address();
        // This host's path to the machine's port 22 is cut, as a firewall dropping SSH would; the phone-home,
        // which the machine opens towards this host, still gets through.
        List<String> rule = List.of("to", address + "/32", "ipproto", "tcp", "dport", "22", "unreachable");
        awaitSeedBuilt();
        ip("add", rule);
        try {
            bus.publish(reserved(host, mac, SEED_IMAGE, null));

            MachineFailed failed = awaitEvent(MachineFailed.class, e -> e.hostname().equals(host));

            assertThat(failed.reason(), startsWith(host + " phoned home but does not answer SSH at " + address
                    + ":22 ("));
            given().get("/v1/machines/" + host).then().body("state", equalTo("failed"))
                    .body("operations[0].reason", equalTo(failed.reason()));
            assertThat(bus.events(MachineBooted.class, e -> e.hostname().equals(host)), equalTo(List.of()));
            assertThat(console(host), containsString("relops-agent: ssh: listening on port 22"));
        } finally {
            ip("del", rule);
        }
        decommission(host);
    }

    @Test
    void shouldBootWithoutStartingTheSshServerWhenNoOperatorKeysAreConfigured() throws IOException {
        String image = ImageFixtures.imageWithSshServer("vm-nokeys", "test-host");
        String host = uniqueHostname("vm-nokeys");
        Path aside = Path.of(TestOperatorKey.PUBLIC_KEY + ".aside");
        Files.move(TestOperatorKey.PUBLIC_KEY, aside, StandardCopyOption.REPLACE_EXISTING);
        try {
            given().get("/boot/authorized-keys").then().statusCode(404).contentType("application/problem+json")
                    .body("detail", containsString("holds no public key"));
            bus.publish(reserved(host, "52:54:00:10:00:23", image, "1"));

            awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));

            assertThat(console(host), containsString("relops-agent: ssh: imaging-service has no operator keys"));
            assertThat(console(host), not(containsString("listening on port 22")));
        } finally {
            Files.move(aside, TestOperatorKey.PUBLIC_KEY, StandardCopyOption.REPLACE_EXISTING);
        }
        decommission(host);
    }

    private static String console(String host) {
        return given().get("/v1/machines/" + host + "/console?lines=500").then().statusCode(200).extract().asString();
    }

    private static void decommission(String host) {
        bus.publish(new DecommissionRequested("req-" + host, host, null, true));
        awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
    }

    private static void ip(String action, List<String> rule) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("ip", "rule", action));
        command.addAll(rule);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static <E extends RelopsEvent> E awaitEvent(Class<E> type, Predicate<E> match) {
        return await().atMost(BOOT).until(() -> bus.events(type, match).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }
}
