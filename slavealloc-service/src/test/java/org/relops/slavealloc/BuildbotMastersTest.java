package org.relops.slavealloc;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MasterDisabled;
import org.relops.model.event.MasterEnabled;
import org.relops.model.event.SlaveAllocated;
import org.relops.model.event.SlaveConnected;
import org.relops.model.event.SlaveReleased;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.testing.BusProbe;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The buildbot masters relops boots and the connections of their workers, against a stand-in for the
 * masters' REST API ({@link BuildbotStandIn}): a master is enabled only once its REST API answers, its
 * credential comes only from its own address and reads only its workers, a slave waits for a master instead of
 * failing, a worker counts as connected only in its own boot, and a decommissioned master is disabled first.
 */
@QuarkusTest
class BuildbotMastersTest {

    private static final String NEW_BOOT = "6f1c2a52-7a0e-4a43-9b55-3d1e0c6f8a10";
    private static final String OLD_BOOT = "0d7e1b0c-5a4f-4f6e-8d21-2b9a6f1e0c33";

    private static BusProbe bus;
    private static BuildbotStandIn masters;

    @Inject
    DumpImporter importer;

    @ConfigProperty(name = "relops.slavealloc.buildbot.master-http-port")
    int masterPort;

    @BeforeAll
    static void connect() {
        bus = BusProbe.connect();
    }

    @AfterAll
    static void disconnect() {
        bus.close();
        if (masters != null) {
            masters.close();
        }
    }

    @BeforeEach
    void standIn() {
        if (masters == null) {
            masters = BuildbotStandIn.on(masterPort);
        }
        masters.active(false);
    }

    @Test
    void shouldEnableABootedMasterOnlyOnceItsRestApiAnswers() {
        Farm farm = Farm.named("enable").importWith(importer);
        String master = farm.master(1);
        int before = masters.masterQueries();
        bus.publish(booted(farm, master, "buildbot-master", Farm.LOCALHOST, NEW_BOOT));

        await().atMost(Duration.ofSeconds(20)).until(() -> masters.masterQueries() >= before + 3);
        given().get("/api/masters/" + master + "?byname=1").then().statusCode(200)
                .body("enabled", equalTo(false)).body("fqdn", equalTo(master)).body("address", equalTo(Farm.LOCALHOST))
                .body("origin", equalTo("relops")).body("pool", equalTo(farm.pool));
        assertTrue(bus.events(MasterEnabled.class, event -> event.master().equals(master)).isEmpty(),
                "enabled before its REST API answered");

        masters.active(true);

        MasterEnabled enabled = bus.awaitEvent(MasterEnabled.class, event -> event.master().equals(master));
        assertEquals(farm.pool, enabled.pool());
        assertEquals("http://127.0.0.1:" + masterPort + "/", enabled.webUrl());
        given().get("/api/masters/" + master + "?byname=1").then().body("enabled", equalTo(true));
        assertEquals(1, bus.events(MasterEnabled.class, event -> event.master().equals(master)).size());
    }

    @Test
    void shouldGiveAMasterItsCredentialOnlyAtItsOwnAddressAndServeItOnlyItsOwnWorkers() {
        Farm farm = Farm.named("cred").importWith(importer);
        masters.active(true);
        String master = farm.master(1);
        String other = farm.master(2);
        String elsewhere = farm.master(3);
        bus.publish(booted(farm, master, "buildbot-master", Farm.LOCALHOST, NEW_BOOT));
        bus.publish(booted(farm, other, "buildbot-master", Farm.LOCALHOST, NEW_BOOT));
        bus.publish(booted(farm, elsewhere, "buildbot-master", "10.77.0.1", NEW_BOOT));
        bus.awaitEvent(MasterEnabled.class, event -> event.master().equals(master));
        bus.awaitEvent(MasterEnabled.class, event -> event.master().equals(other));
        // Both masters are enabled: the least loaded (ties by name) takes the slave, which is master 1.
        bus.publish(booted(farm, farm.slave(1), "default", Farm.LOCALHOST, NEW_BOOT));
        bus.awaitEvent(SlaveAllocated.class, event -> event.slave().equals(farm.slave(1)));

        given().post("/v1/masters/" + elsewhere + "/credential").then().statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("only to its own machine's address"));
        String token = given().post("/v1/masters/" + master + "/credential").then().statusCode(200)
                .extract().asString().strip();
        String otherToken = given().post("/v1/masters/" + other + "/credential").then().statusCode(200)
                .extract().asString().strip();

        given().get("/v1/masters/" + master + "/workers").then().statusCode(401);
        given().header("Authorization", "Bearer not-" + token).get("/v1/masters/" + master + "/workers").then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + otherToken).get("/v1/masters/" + master + "/workers").then()
                .statusCode(403).body("detail", containsString("another master"));
        given().header("Authorization", "Bearer " + token).get("/v1/masters/" + master + "/workers").then()
                .statusCode(200).body("master", equalTo(master)).body("workers", hasSize(1))
                .body("workers[0].name", equalTo(farm.slave(1))).body("workers[0].password", equalTo(Farm.PASSWORD));
        given().header("Authorization", "Bearer " + otherToken).get("/v1/masters/" + other + "/workers").then()
                .statusCode(200).body("workers", hasSize(0));
        given().post("/v1/masters/" + master + "/credential").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get("/v1/masters/" + master + "/workers").then()
                .statusCode(401);
        given().post("/v1/masters/nobody-" + farm.pool + "/credential").then().statusCode(404);
    }

    @Test
    void shouldKeepASlaveWaitingForAMasterAndAllocateItOnceOneIsEnabled() {
        Farm farm = Farm.named("wait").importWith(importer);
        String slave = farm.slave(1);
        bus.publish(booted(farm, slave, "default", Farm.LOCALHOST, NEW_BOOT));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> given().get("/api/slaves/" + slave + "?byname=1").statusCode() == 200);
        given().get("/gettac/" + slave).then().statusCode(404).body(equalTo("no allocation available"));
        // Registered, not dead-lettered: it simply has no master yet.
        given().get("/api/slaves/" + slave + "?byname=1").then().statusCode(200)
                .body("current_master", org.hamcrest.Matchers.nullValue());

        masters.active(true);
        bus.publish(booted(farm, farm.master(1), "buildbot-master", Farm.LOCALHOST, NEW_BOOT));
        bus.awaitEvent(MasterEnabled.class, event -> event.master().equals(farm.master(1)));

        given().get("/gettac/" + slave).then().statusCode(200)
                .body(containsString("buildmaster_host = '" + farm.master(1) + "'"))
                .body(containsString("port = 9989"))
                .body(containsString("from buildbot_worker.bot import Worker"));
        bus.awaitEvent(SlaveAllocated.class, event -> event.slave().equals(slave));
    }

    @Test
    void shouldCountAWorkerConnectedOnlyWhenItsMasterShowsItInThisBoot() {
        Farm farm = Farm.named("conn").importWith(importer);
        masters.active(true);
        bus.publish(booted(farm, farm.master(1), "buildbot-master", Farm.LOCALHOST, NEW_BOOT));
        bus.awaitEvent(MasterEnabled.class, event -> event.master().equals(farm.master(1)));
        String slave = farm.slave(1);
        // The master still holds the connection of the slave's previous boot.
        masters.connected(slave, slave + " boot " + OLD_BOOT);
        bus.publish(booted(farm, slave, "default", Farm.LOCALHOST, NEW_BOOT));
        bus.awaitEvent(SlaveAllocated.class, event -> event.slave().equals(slave));

        await().atMost(Duration.ofSeconds(20)).until(() -> masters.workerQueries(slave) >= 3);
        assertTrue(bus.events(SlaveConnected.class, event -> event.slave().equals(slave)).isEmpty(),
                "a connection of an earlier boot is not this boot's");

        masters.connected(slave, slave + " boot " + NEW_BOOT);

        SlaveConnected connected = bus.awaitEvent(SlaveConnected.class, event -> event.slave().equals(slave));
        assertEquals(farm.master(1), connected.master());
        assertEquals(NEW_BOOT, connected.bootId());
        assertEquals(1, bus.events(SlaveConnected.class, event -> event.slave().equals(slave)).size());
    }

    @Test
    void shouldDisableAMasterBeforeItsMachineIsDecommissioned() {
        Farm farm = Farm.named("decom").importWith(importer);
        masters.active(true);
        String master = farm.master(1);
        String requestId = "r-" + UUID.randomUUID();
        bus.publish(booted(farm, master, "buildbot-master", Farm.LOCALHOST, NEW_BOOT));
        bus.awaitEvent(MasterEnabled.class, event -> event.master().equals(master));

        bus.publish(new DecommissionRequested(requestId, master, "system-" + master, true));

        MasterDisabled disabled = bus.awaitEvent(MasterDisabled.class, event -> event.master().equals(master));
        assertEquals(farm.pool, disabled.pool());
        bus.awaitEvent(SlaveReleased.class, event -> event.slave().equals(master));
        given().get("/api/masters/" + master + "?byname=1").then().body("enabled", equalTo(false));
    }

    private static MachineBooted booted(Farm farm, String hostname, String role, String address, String bootId) {
        return new MachineBooted("r-" + farm.pool, hostname, "system-" + hostname, "52:54:00:00:00:09", address,
                "releng-image", "1", "sha256:0", role, "default".equals(role), farm.pool, bootId);
    }
}
