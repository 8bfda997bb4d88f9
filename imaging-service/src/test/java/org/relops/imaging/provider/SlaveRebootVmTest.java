package org.relops.imaging.provider;

import java.util.Map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.ImageFixtures;
import org.relops.imaging.OnTheBus;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.value.Location;

import io.quarkus.test.junit.QuarkusTest;

/** A real slave VM (qemu under TCG, iPXE) reboots into its image's newest version and keeps its disk. */
@QuarkusTest
@Tag("vm")
class SlaveRebootVmTest extends OnTheBus {

    private static final Logger LOG = Logger.getLogger(SlaveRebootVmTest.class);
    static final Duration BOOT = Duration.ofSeconds(150);

    @Inject
    QemuProvider qemu;

    @Test
    void shouldRebootASlaveIntoTheNewestVersionWithItsDiskIntact() {
        String image = ImageFixtures.imageWithVersions("vm-slave", "test-slave");
        String host = uniqueHostname("vm-slave");
        bus.publish(new HostReserved("req-" + host, host, "qemu-" + host, QemuProvider.KIND,
                TestNetwork.attachment("52:54:00:10:00:11"), Map.of(),
                
                new Location("local", "r1", "rack1"), image, null, "production"));
        MachineBooted first = awaitBoots(host, 1).get(0);
        assertThat(first.imageVersion(), equalTo("1"));
        ImageFixtures.addVersion(image, "test-slave-2");
        String newest = ImageFixtures.digestOf(image, 2);
        long firstPid = qemu.pidOf(host).orElseThrow();

        long rebootAt = System.nanoTime();
        given().post("/v1/machines/" + host + "/reboot").then().statusCode(202);

        MachineBooted second = awaitBoots(host, 2).get(1);
        LOG.infof("reboot to the new digest took %d ms", (System.nanoTime() - rebootAt) / 1_000_000);
        assertThat(second.imageVersion(), equalTo("2"));
        assertThat(second.imageDigest(), equalTo(newest));
        assertThat(second.imageDigest(), not(equalTo(first.imageDigest())));
        assertThat(second.hostname(), equalTo(first.hostname()));
        assertThat(qemu.pidOf(host).orElseThrow(), not(equalTo(firstPid)));
        given().get("/v1/machines/" + host).then().body("operations[1].kind", equalTo("reboot"))
                .body("operations[1].imageDigest", equalTo(newest))
                .body("operations[1].diskState", equalTo("intact"))
                .body("operations[1].diskBoots", equalTo(2));

        QemuProvider.MachineFiles files = qemu.files(host);
        bus.publish(new DecommissionRequested("req-" + host, host, null, true));
        bus.awaitEvent(MachineDestroyed.class, e -> e.hostname().equals(host));
        assertThat(Files.exists(files.directory()), is(false));
    }

    private static List<MachineBooted> awaitBoots(String host, int count) {
        await().atMost(BOOT).until(() -> bus.events(MachineBooted.class, e -> e.hostname().equals(host)).size()
                >= count);
        return bus.events(MachineBooted.class, e -> e.hostname().equals(host));
    }
}
