package org.relops.imaging.provider;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.provider.libvirt.LibvirtProvider;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.RelopsEvent;
import org.relops.model.value.Location;
import org.relops.testing.LibvirtSession;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Real libvirt domains: a qemu:///session daemon of an unprivileged user in the test network's namespace runs
 * each machine as a persistent domain on a tap of the test segment, which network-boots through relops' DHCP
 * and iPXE like a qemu machine; its volume lives in the daemon's storage pool.
 */
@QuarkusTest
@Tag("vm")
class LibvirtBootTest extends OnTheBus {

    private static final Duration BOOT = Duration.ofSeconds(150);
    /**
     * MACs whose test addresses (TestNetwork.attachment: .85, .86) no other VM test uses: dnsmasq keeps a released
     * address leased to its last MAC for the lease time, so another MAC would get none.
     */
    private static final String FIRST_MAC = "52:54:00:10:01:41";
    private static final String SECOND_MAC = "52:54:00:10:01:42";

    private static final LibvirtSession LIBVIRT = TestNetwork.LIBVIRT;

    @Inject
    LibvirtProvider libvirt;

    @Test
    void shouldBootADomainKeepItsVolumeAcrossAReimageAndALibvirtdRestartAndWipeItOnDecommission() {
        String image = QemuBootTest.newImageWithTwoVersions();
        String host = uniqueHostname("lv");
        String mac = FIRST_MAC;
        bus.publish(reserved(host, mac, image, "1"));

        MachineBooted first = awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        assertThat(first.address(), equalTo(TestNetwork.attachment(mac).address()));
        assertThat("the host reaches the machine at its inventory address", reachable(first.address()), is(true));
        assertThat(LIBVIRT.virsh("domstate", LibvirtProvider.domainName(host)).strip(), equalTo("running"));
        ProcessHandle guest = guestProcess(host).orElseThrow();
        assertThat("qemu runs as the daemon's unprivileged user", guest.info().user().orElse(""),
                equalTo(LibvirtSession.USER));
        given().get("/v1/machines/" + host).then().body("operations[0].diskState", equalTo("fresh"));

        // libvirtd restarted (an upgrade of the daemon): the domain runs on, and is still followed
        LIBVIRT.restart();
        assertThat(libvirt.failure(machine(host, mac)), equalTo(Optional.empty()));
        assertThat(guest.isAlive(), is(true));

        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/machines/" + host + "/reimage")
                .then().statusCode(202);
        MachineBooted second = awaitEvent(MachineBooted.class,
                e -> e.hostname().equals(host) && !e.imageDigest().equals(first.imageDigest()));
        assertThat(second.imageVersion(), equalTo("2"));
        given().get("/v1/machines/" + host).then().body("operations[1].diskState", equalTo("intact"))
                .body("operations[1].diskBoots", equalTo(2));
        assertThat(libvirt.hasVolume(host), is(true));

        bus.publish(new DecommissionRequested("req-" + host, host, null, true));
        awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
        assertThat(libvirt.hasDomain(host), is(false));
        assertThat("a decommission with wipe removes the volume", libvirt.hasVolume(host), is(false));
        assertThat(guestProcess(host).isPresent(), is(false));
    }

    @Test
    void shouldFailADomainDestroyedBehindRelopsBackAndKeepItsVolumeOnADecommissionWithoutWipe() {
        String image = QemuBootTest.newImageWithTwoVersions();
        String host = uniqueHostname("lv");
        String mac = SECOND_MAC;
        bus.publish(reserved(host, mac, image, "1"));
        awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));

        LIBVIRT.virsh("destroy", LibvirtProvider.domainName(host));

        MachineFailed failed = awaitEvent(MachineFailed.class, e -> e.hostname().equals(host));
        assertThat(failed.reason(), containsString("libvirt domain " + LibvirtProvider.domainName(host)
                + " is shut off"));
        bus.publish(new DecommissionRequested("req-" + host, host, null, false));
        awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
        assertThat(libvirt.hasDomain(host), is(false));
        assertThat("a decommission without wipe keeps the volume", libvirt.hasVolume(host), is(true));
    }

    private static HostReserved reserved(String hostname, String mac, String image, String version) {
        return new HostReserved("req-" + hostname, hostname, "libvirt-" + hostname, LibvirtProvider.KIND,
                TestNetwork.attachment(mac), Map.of(), new Location("local", "r1", "rack1"), image, version,
                "production");
    }

    private static ProviderMachine machine(String hostname, String mac) {
        return new ProviderMachine(hostname, "libvirt-" + hostname, TestNetwork.attachment(mac), Map.of());
    }

    /** The qemu process libvirt runs the machine's domain in. */
    private static Optional<ProcessHandle> guestProcess(String hostname) {
        String guest = "guest=" + LibvirtProvider.domainName(hostname) + ",";
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(guest))
                .orElse(false)).findFirst();
    }

    private static boolean reachable(String address) {
        try {
            return InetAddress.getByName(address).isReachable(5000);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static <E extends RelopsEvent> E awaitEvent(Class<E> type, Predicate<E> match) {
        return await().atMost(BOOT).until(() -> bus.events(type, match).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }
}
