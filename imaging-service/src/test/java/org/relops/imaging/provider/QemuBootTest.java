package org.relops.imaging.provider;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.relops.imaging.TestNetwork;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.RelopsEvent;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.network.DhcpServers;
import org.relops.imaging.ProvisioningOperation;
import org.relops.model.value.Location;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Real virtual machines: qemu under TCG on a tap of the test segment's bridge, given their inventory address
 * by relops' DHCP and network-booted over iPXE from this service. About 10-20 s a boot.
 */
@QuarkusTest
@Tag("vm")
class QemuBootTest extends OnTheBus {

    static final String KERNEL_SHA = "e0061f95dbe31f5646e5a29ba9a62293f6b625a70e81fc2b04344d8ab7589c34";
    static final String BUSYBOX_SHA = "3d3fdbe91d4660c873e14b092c213fe81c1da6362daa236eb25d0171eb108744";
    static final Duration BOOT = Duration.ofSeconds(150);


    @Inject
    QemuProvider qemu;

    @Inject
    DhcpServers dhcp;

    static String newImageWithTwoVersions() {
        String image = "vm-test-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("name", image)).post("/v1/images").then().statusCode(201);
        for (String role : new String[] {"test-host", "test-host-v2"}) {
            given().contentType(ContentType.JSON).body(Map.of("role", role,
                    "kernel", Map.of("name", "linux-image-6.1.0-47-amd64", "version", "6.1.170-3",
                            "sha256", KERNEL_SHA),
                    "busybox", Map.of("version", "1:1.35.0-4+deb12u1+b1", "sha256", BUSYBOX_SHA)))
                    .post("/v1/images/" + image + "/versions").then().statusCode(201);
        }
        awaitBuilt(image, "2");
        return image;
    }

    static HostReserved reserved(String hostname, String mac, String image, String version) {
        return new HostReserved("req-" + hostname, hostname, "qemu-" + hostname, QemuProvider.KIND,
                TestNetwork.attachment(mac), Map.of(),
                
                new Location("local", "r1", "rack1"), image, version, "production");
    }

    static String hostname() {
        return uniqueHostname("vm");
    }

    @Test
    void shouldBootOverIpxePhoneHomeAndKeepItsDiskAcrossAReimage() throws Exception {
        String image = newImageWithTwoVersions();
        String host = hostname();
        String mac = "52:54:00:10:00:01";
        bus.publish(reserved(host, mac, image, "1"));

        MachineBooted first = awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        String v1Digest = given().get("/v1/images/" + image + "/versions/1").then().extract().path("digest");
        assertThat(first.imageDigest(), equalTo(v1Digest));
        assertThat(first.address(), equalTo(TestNetwork.attachment(mac).address()));
        assertThat(first.mac(), equalTo(mac));
        assertThat("the host reaches the machine at its inventory address",
                InetAddress.getByName(first.address()).isReachable(5000), is(true));
        assertThat(dhcp.isReserved(TestNetwork.SEGMENT, mac), is(true));
        given().get("/v1/machines/" + host).then().body("operations[0].diskState", equalTo("fresh"))
                .body("operations[0].diskBoots", equalTo(1));
        String bootedAt = operationField(host, "[0].bootedAt");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !bootedAt.equals(operationField(host, "[0].lastHeartbeatAt")));
        String console = given().get("/v1/machines/" + host + "/console").then().statusCode(200).extract().asString();
        assertThat(console, containsString("relops-agent: phoned home"));
        assertThat(console, not(containsString(bootToken(host))));
        given().contentType(ContentType.URLENC).formParam("mac", mac).formParam("token", bootToken(host))
                .formParam("digest", v1Digest).formParam("address", "10.10.1.15")
                .post("/boot/phone-home").then().statusCode(409).body("detail", containsString("phoned home already"));
        given().contentType(ContentType.URLENC).formParam("mac", mac).formParam("token", "not-the-token")
                .post("/boot/heartbeat").then().statusCode(403);

        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/machines/" + host + "/reimage")
                .then().statusCode(202);

        MachineBooted second = awaitEvent(MachineBooted.class,
                e -> e.hostname().equals(host) && !e.imageDigest().equals(v1Digest));
        assertThat(second.imageVersion(), equalTo("2"));
        given().get("/v1/machines/" + host).then().body("operations[1].kind", equalTo("reimage"))
                .body("operations[1].diskState", equalTo("intact"))
                .body("operations[1].diskBoots", equalTo(2))
                .body("operations[0].state", equalTo("cancelled"));

        long pid = qemu.pidOf(host).orElseThrow();
        QemuProvider.MachineFiles files = qemu.files(host);
        boolean leasedBefore = dhcp.hasLease(TestNetwork.SEGMENT, mac);
        bus.publish(new DecommissionRequested("req-" + host, host, null, true));

        awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), is(false));
        assertThat(Files.exists(files.directory()), is(false));
        assertThat("a decommissioned machine's DHCP lease is gone", dhcp.isReserved(TestNetwork.SEGMENT, mac),
                is(false));
        assertThat("the machine booted with a lease", leasedBefore, is(true));
        await("the end of " + mac + "'s lease").atMost(Duration.ofSeconds(10))
                .until(() -> !dhcp.hasLease(TestNetwork.SEGMENT, mac));
    }

    @Test
    void shouldRefuseTheBootScriptAndAPhoneHomeFromAnotherAddress() {
        String host = hostname();
        String mac = "52:54:00:10:00:03";
        bus.publish(reserved(host, mac, SEED_IMAGE, null));
        await().atMost(Duration.ofMinutes(3)).until(() -> "booting".equals(operationField(host, "[0].state")));
        String digest = given().get("/v1/machines/" + host).then().extract().path("operations[0].imageDigest");

        // Its boot script, with its one-time token, goes to the machine's own address only: not to this host.
        String script = given().get("/boot/" + mac.replace(':', '-') + ".ipxe").then().statusCode(200).extract()
                .asString();
        assertThat(script, containsString("the boot script of " + host + " goes only to its own address"));
        assertThat(script, not(containsString(bootToken(host))));

        // The right token and the right reported address, but sent from this host, not from the machine.
        given().contentType(ContentType.URLENC).formParam("mac", mac).formParam("token", bootToken(host))
                .formParam("digest", digest).formParam("address", TestNetwork.attachment(mac).address())
                .formParam("disk", "fresh").formParam("boots", "1")
                .post("/boot/phone-home").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("phoned home from 127.0.0.1, but its address is "
                        + TestNetwork.attachment(mac).address()));

        MachineFailed failed = awaitEvent(MachineFailed.class, e -> e.hostname().equals(host));
        assertThat(failed.reason(), containsString("refused its phone-home"));
        bus.publish(new DecommissionRequested("req-" + host, host, null, true));
        awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
    }

    @Test
    void shouldReportAHungMachineWithItsConsoleTail() throws Exception {
        String host = hostname();
        bus.publish(reserved(host, "52:54:00:10:00:02", SEED_IMAGE, null));
        await().atMost(Duration.ofMinutes(3)).until(() -> qemu.pidOf(host).isPresent()
                && Files.exists(qemu.files(host).console()) && Files.size(qemu.files(host).console()) > 0);
        long pid = qemu.pidOf(host).orElseThrow();

        new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();

        MachineFailed failed = awaitEvent(MachineFailed.class, e -> e.hostname().equals(host));
        assertThat(failed.reason(), containsString("qemu is hung"));
        assertThat(failed.reason(), containsString("console tail"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false));
        bus.publish(new DecommissionRequested("req-" + host, host, null, true));
        awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
        assertThat(Files.exists(qemu.files(host).directory()), is(false));
    }

    @Test
    void shouldRefuseToImageAnUnknownMac() {
        given().get("/boot/52-54-00-99-99-99.ipxe").then().statusCode(200)
                .body(startsWith("#!ipxe"))
                .body(containsString("no machine with MAC 52:54:00:99:99:99 is known"))
                .body(containsString("exit 1"));
    }

    @Test
    void shouldRefuseAPhoneHomeWithoutItsBootToken() {
        given().contentType(ContentType.URLENC).formParam("mac", "52:54:00:99:99:98").formParam("token", "guess")
                .formParam("digest", "sha256:00").formParam("address", "10.10.1.15")
                .post("/boot/phone-home").then().statusCode(403).contentType("application/problem+json");
    }

    private static String operationField(String host, String path) {
        return given().get("/v1/machines/" + host).then().extract().path("operations" + path);
    }

    /** Waits longer than the probe's default: a boot under TCG on a shared machine can take a while. */
    private static <E extends RelopsEvent> E awaitEvent(Class<E> type, Predicate<E> match) {
        return await().atMost(BOOT).until(() -> bus.events(type, match).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static String bootToken(String host) {
        return QuarkusTransaction.requiringNew().call(() -> ProvisioningOperation.listOf(host).get(0).bootToken);
    }

}
