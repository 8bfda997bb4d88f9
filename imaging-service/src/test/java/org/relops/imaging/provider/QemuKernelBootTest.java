package org.relops.imaging.provider;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.network.DhcpServers;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDestroyed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The qemu provider's direct boot ({@code relops.imaging.qemu.boot=kernel}): a real VM started from the image's
 * kernel and initramfs in the store, without iPXE, that still takes its lease from relops' DHCP, phones home with
 * its one-time token and answers at its inventory address; the token is on no command line.
 */
@QuarkusTest
@TestProfile(QemuKernelBootTest.KernelBoot.class)
@Tag("vm")
class QemuKernelBootTest extends OnTheBus {

    /** The qemu provider set to boot kernels directly. */
    public static class KernelBoot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relops.imaging.qemu.boot", "kernel");
        }
    }

    @Inject
    QemuProvider qemu;

    @Inject
    DhcpServers dhcp;

    @Test
    void shouldBootTheKernelDirectlyTakeItsLeaseAndPhoneHome() throws Exception {
        String image = QemuBootTest.newImageWithTwoVersions();
        String host = QemuBootTest.hostname();
        String mac = "52:54:00:10:00:41";
        bus.publish(QemuBootTest.reserved(host, mac, image, "1"));

        await("qemu started for " + host).atMost(QemuBootTest.BOOT).until(() -> qemu.pidOf(host).isPresent());
        long pid = qemu.pidOf(host).orElseThrow();
        List<String> command = commandLineOf(pid);
        String token = QuarkusTransaction.requiringNew().call(() -> ProvisioningOperation.listOf(host).get(0).bootToken);
        assertThat(command, hasItem("-kernel"));
        assertThat(command, not(hasItem("-boot")));
        assertThat("the boot token is on no command line", String.join(" ", command), not(containsString(token)));
        Path config = qemu.files(host).bootConfig();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)), equalTo("rw-------"));
        assertThat(Files.readString(config), containsString("relops.token=" + token));

        MachineBooted booted = await().atMost(QemuBootTest.BOOT)
                .until(() -> bus.events(MachineBooted.class, e -> e.hostname().equals(host)).stream().findFirst(),
                        Optional::isPresent).orElseThrow();
        String digest = given().get("/v1/images/" + image + "/versions/1").then().extract().path("digest");
        assertThat(booted.imageDigest(), equalTo(digest));
        assertThat(booted.address(), equalTo(TestNetwork.attachment(mac).address()));
        assertThat("it took its lease from relops' DHCP", dhcp.hasLease(TestNetwork.SEGMENT, mac), is(true));
        assertThat("the host reaches the machine at its inventory address",
                InetAddress.getByName(booted.address()).isReachable(5000), is(true));
        assertThat(given().get("/v1/machines/" + host + "/console").then().statusCode(200).extract().asString(),
                containsString("relops-agent: phoned home"));

        bus.publish(new DecommissionRequested("req-" + host, host, null, true));
        await().atMost(QemuBootTest.BOOT)
                .until(() -> !bus.events(MachineDestroyed.class, e -> e.hostname().equals(host)).isEmpty());
        assertThat("the boot token's file is gone with the machine", Files.exists(config), is(false));
    }

    /** A process's arguments, as every user of the host can read them ({@code /proc/PID/cmdline}). */
    private static List<String> commandLineOf(long pid) throws java.io.IOException {
        String raw = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
        return Arrays.asList(raw.split("\0"));
    }
}
