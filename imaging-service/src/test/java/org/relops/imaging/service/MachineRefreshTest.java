package org.relops.imaging.service;

import java.util.Map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.relops.imaging.TestNetwork;
import org.relops.imaging.ImageFixtures;
import org.relops.imaging.ImageInput;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.InputKind;
import org.relops.imaging.Machine;
import org.relops.imaging.OnTheBus;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.VersionState;
import org.relops.imaging.build.Sha256;
import org.relops.imaging.provider.SimulatedProvider;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineRefreshStarted;
import org.relops.model.event.MachineRefreshed;
import org.relops.model.event.RelopsEvent;
import org.relops.model.value.Location;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Periodic refreshes of masters (test role {@code test-master}, period 3 s) on simulated machines
 * machines, and the heartbeat protocol that asks a boot agent to refresh in place.
 */
@QuarkusTest
class MachineRefreshTest extends OnTheBus {

    static final Duration REFRESH = Duration.ofSeconds(60);

    static String bootedOn(String image, String version, String mac) {
        String host = uniqueHostname("t-master");
        bus.publish(new HostReserved("req-" + host, host, "vm-" + host, SimulatedProvider.KIND,
                TestNetwork.attachment(mac), Map.of(),
                new Location("mdc1", "r1", "rack1"), image, version, "production"));
        bus.awaitEvent(MachineBooted.class, e -> e.hostname().equals(host));
        return host;
    }

    static <E extends RelopsEvent> E awaitEvent(Class<E> type, Predicate<E> match) {
        return await().atMost(REFRESH).until(() -> bus.events(type, match).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** A version recorded as built elsewhere, on another kernel: the provider needs no artifacts to boot it. */
    static int addVersionOnAnotherKernel(String image) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImageVersion version = new ImageVersion();
            version.imageName = image;
            version.number = ImageVersion.nextNumber(image);
            version.role = "test-master";
            version.state = VersionState.READY;
            version.digest = "sha256:" + Sha256.of(image + " on another kernel");
            version.inputs.add(ImageInput.of(InputKind.KERNEL, "linux-image-6.1.0-48-amd64", "6.1.171-1",
                    "f".repeat(64)));
            version.inputs.add(ImageInput.of(InputKind.BUSYBOX, "busybox-static", "1:1.35.0-4+deb12u1+b1",
                    ImageFixtures.BUSYBOX_SHA));
            version.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            version.builtAt = version.createdAt;
            version.persist();
            return version.number;
        });
    }

    @Test
    void shouldRefreshAMasterInPlaceWhenTheBaseIsUnchanged() {
        String image = ImageFixtures.imageWithVersions("t-incremental", "test-master");
        String host = bootedOn(image, null, null);
        ImageFixtures.addVersion(image, "test-master");

        MachineRefreshStarted started = awaitEvent(MachineRefreshStarted.class,
                e -> e.hostname().equals(host) && e.toVersion().equals("2"));
        MachineRefreshed refreshed = awaitEvent(MachineRefreshed.class,
                e -> e.hostname().equals(host) && e.imageVersion().equals("2"));

        assertThat(started.mode(), equalTo("incremental"));
        assertThat(refreshed.mode(), equalTo("incremental"));
        assertThat(refreshed.imageDigest(), equalTo(ImageFixtures.digestOf(image, 2)));
        assertThat(bus.events(MachineBooted.class, e -> e.hostname().equals(host)), hasSize(1));
        given().get("/v1/machines/" + host).then().body("state", equalTo("booted"))
                .body("operations", hasSize(1)).body("operations[0].imageVersion", equalTo(2));
    }

    @Test
    void shouldLeaveAMasterThatRunsItsTargetVersionAsItIs() {
        String image = ImageFixtures.imageWithVersions("t-current", "test-master");
        String host = bootedOn(image, null, null);

        // the refresh came due and was checked: the machine already runs the newest version
        await().atMost(REFRESH).until(() -> given().get("/v1/machines/" + host).then().extract()
                .path("lastRefreshAt") != null);

        assertThat(bus.events(MachineRefreshStarted.class, e -> e.hostname().equals(host)), empty());
        given().get("/v1/machines/" + host).then().body("refreshVersion", equalTo(null))
                .body("operations", hasSize(1)).body("operations[0].imageVersion", equalTo(1));
    }

    @Test
    void shouldPaveOverAMasterWhenTheBaseChanged() {
        String image = ImageFixtures.imageWithVersions("t-paveover", "test-master");
        String host = bootedOn(image, null, null);
        int onAnotherKernel = addVersionOnAnotherKernel(image);

        MachineRefreshStarted started = awaitEvent(MachineRefreshStarted.class,
                e -> e.hostname().equals(host) && e.toVersion().equals(String.valueOf(onAnotherKernel)));
        MachineBooted booted = awaitEvent(MachineBooted.class,
                e -> e.hostname().equals(host) && e.imageVersion().equals(String.valueOf(onAnotherKernel)));
        MachineRefreshed refreshed = awaitEvent(MachineRefreshed.class, e -> e.hostname().equals(host));

        assertThat(started.mode(), equalTo("pave-over"));
        assertThat(started.reason(), containsString("different kernel, busybox or SSH server packages"));
        assertThat(refreshed.mode(), equalTo("pave-over"));
        assertThat(refreshed.imageDigest(), equalTo(booted.imageDigest()));
        given().get("/v1/machines/" + host).then().body("operations[1].kind", equalTo("refresh"))
                .body("operations[1].state", equalTo("booted"));
    }

    @Test
    void shouldTellTheAgentToRefreshAtItsHeartbeatAndAcceptItsReport() {
        String image = ImageFixtures.imageWithVersions("t-agent", "agent-a", "agent-b");
        String mac = "52:54:00:ab:00:01";
        String host = bootedOn(image, "1", mac);
        String token = QuarkusTransaction.requiringNew().call(() -> {
            Machine machine = Machine.lockByHostname(host).orElseThrow();
            machine.refreshVersion = 2;
            machine.refreshRequestedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return ProvisioningOperation.listOf(host).get(0).bootToken;
        });
        String newDigest = ImageFixtures.digestOf(image, 2);
        String hex = newDigest.substring("sha256:".length());

        String instruction = heartbeat(mac, token).then().statusCode(200).extract().asString().trim();

        byte[] initrd = given().get("/boot/artifacts/" + hex + "/initrd.img").then().statusCode(200).extract()
                .asByteArray();
        assertThat(instruction, equalTo("refresh " + hex + " " + sha256(initrd)));
        refreshed(mac, token, ImageFixtures.digestOf(image, 1)).then().statusCode(422)
                .body("detail", containsString("instead of " + newDigest));
        assertThat(bus.events(MachineRefreshed.class, e -> e.hostname().equals(host)), empty());

        refreshed(mac, token, newDigest).then().statusCode(204);

        MachineRefreshed done = bus.awaitEvent(MachineRefreshed.class, e -> e.hostname().equals(host));
        assertThat(done.imageVersion(), equalTo("2"));
        assertThat(done.imageDigest(), equalTo(newDigest));
        given().get("/v1/machines/" + host).then().body("refreshVersion", equalTo(null))
                .body("operations", hasSize(1)).body("operations[0].imageDigest", equalTo(newDigest))
                .body("operations[0].role", equalTo("agent-b"));
        heartbeat(mac, token).then().statusCode(204);
        refreshed(mac, token, newDigest).then().statusCode(409);
    }

    private static io.restassured.response.Response heartbeat(String mac, String token) {
        return given().contentType(ContentType.URLENC).formParam("mac", mac).formParam("token", token)
                .formParam("tac", "skipped").post("/boot/heartbeat");
    }

    private static io.restassured.response.Response refreshed(String mac, String token, String digest) {
        return given().contentType(ContentType.URLENC).formParam("mac", mac).formParam("token", token)
                .formParam("digest", digest).post("/boot/refreshed");
    }

    private static String sha256(byte[] bytes) throws IllegalStateException {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
