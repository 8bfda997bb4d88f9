package org.relops.slavealloc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.SlaveAllocated;
import org.relops.model.event.SlaveReleased;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.slavealloc.service.TacRenderer;
import org.relops.testing.BusProbe;

import io.quarkus.test.junit.QuarkusTest;

/** Slaves that relops' machines are: registered and allocated on boot, released on decommission, by events. */
@QuarkusTest
class SlaveRegistrationTest {

    private static final String SERVICE = "slavealloc-service";
    private static BusProbe bus;

    @Inject
    DumpImporter importer;

    @BeforeAll
    static void connect() {
        bus = BusProbe.connect();
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    @Test
    void shouldAllocateEachBootedSlaveToTheLeastLoadedMasterOfItsPool() {
        Farm farm = Farm.named("reg").withMasters(2).importWith(importer);
        String requestId = UUID.randomUUID().toString();

        bus.publish(booted(requestId, farm.slave(1), farm.pool, true));
        SlaveAllocated first = bus.awaitEvent(SlaveAllocated.class, event -> event.slave().equals(farm.slave(1)));
        bus.publish(booted(requestId, farm.slave(2), farm.pool, true));
        SlaveAllocated second = bus.awaitEvent(SlaveAllocated.class, event -> event.slave().equals(farm.slave(2)));

        assertEquals(farm.master(1), first.master(), "ties go to the first master by name");
        assertEquals(farm.fqdn(1), first.masterFqdn());
        assertEquals(farm.pool, first.pool());
        assertEquals(requestId, first.requestId());
        assertEquals(farm.master(2), second.master(), "the second slave goes to the master with none");
    }

    @Test
    void shouldServeTheTacOfARegisteredSlaveToItsOwnAddress() {
        Farm farm = Farm.named("tac").withMasters(1).importWith(importer);
        bus.publish(booted("r-" + farm.pool, farm.slave(1), farm.pool, true));
        bus.awaitEvent(SlaveAllocated.class, allocated -> allocated.slave().equals(farm.slave(1)));

        given().when().get("/gettac/" + farm.slave(1).toUpperCase())
                .then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .header("Cache-Control", "no-cache")
                .body(startsWith(TacRenderer.MARKER + "\n"))
                .body(containsString("buildmaster_host = '" + farm.fqdn(1) + "'"))
                .body(containsString("workername = '" + farm.slave(1) + "'"))
                .body(containsString("passwd = '" + Farm.PASSWORD + "'"));
    }

    @Test
    void shouldIgnoreMachinesThatAreNoBuildbotSlaves() {
        Farm farm = Farm.named("noslave").withMasters(1).importWith(importer);
        bus.publish(booted("r-" + farm.pool, farm.slave(1), farm.pool, false));
        bus.publish(booted("r-" + farm.pool, farm.slave(2), farm.pool, true));
        bus.awaitEvent(SlaveAllocated.class, allocated -> allocated.slave().equals(farm.slave(2)));

        assertTrue(bus.events(SlaveAllocated.class, allocated -> allocated.slave().equals(farm.slave(1))).isEmpty());
        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(404).body(equalTo("no allocation available"));
    }

    @Test
    void shouldReleaseAndForgetADecommissionedSlave() {
        Farm farm = Farm.named("decom").withMasters(1).importWith(importer);
        String requestId = "r-" + farm.pool;
        bus.publish(booted(requestId, farm.slave(1), farm.pool, true));
        bus.awaitEvent(SlaveAllocated.class, allocated -> allocated.slave().equals(farm.slave(1)));

        bus.publish(new DecommissionRequested(requestId, farm.slave(1), "system-1", false));
        SlaveReleased released = bus.awaitEvent(SlaveReleased.class, event -> event.slave().equals(farm.slave(1)));

        assertEquals(requestId, released.requestId());
        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(404).body(equalTo("no allocation available"));
    }

    @Test
    void shouldAnswerTheDecommissionOfAMachineItNeverKnew() {
        String hostname = "never-a-slave-" + UUID.randomUUID().toString().substring(0, 8);
        bus.publish(new DecommissionRequested("r-" + hostname, hostname, null, true));

        SlaveReleased released = bus.awaitEvent(SlaveReleased.class, event -> event.slave().equals(hostname));

        assertEquals("r-" + hostname, released.requestId());
    }

    @Test
    void shouldReallocateAReimagedSlaveWithoutDuplicatingIt() {
        Farm farm = Farm.named("reboot").withMasters(2).importWith(importer);
        bus.publish(booted("first", farm.slave(1), farm.pool, true));
        SlaveAllocated first = bus.awaitEvent(SlaveAllocated.class, allocated -> allocated.requestId().equals("first")
                && allocated.slave().equals(farm.slave(1)));
        bus.publish(booted("second", farm.slave(1), farm.pool, true));
        SlaveAllocated second = bus.awaitEvent(SlaveAllocated.class, allocated -> allocated.requestId().equals("second")
                && allocated.slave().equals(farm.slave(1)));

        assertEquals(first.master(), second.master(), "alone in its silo, the slave stays where it was");
        assertEquals(1L, Slave.count("lower(name) = ?1", farm.slave(1)));
    }

    @Test
    void shouldDeadLetterABootInAnEnvironmentItDoesNotKnow() {
        String hostname = "lost-" + UUID.randomUUID().toString().substring(0, 8);
        bus.publish(booted("r-" + hostname, hostname, "nowhere-" + hostname, true));

        BusProbe.DeadLetter dead = bus.awaitDeadLetter(SERVICE, letter -> letter.reason().contains(hostname));

        assertTrue(dead.reason().contains("no environment 'nowhere-" + hostname + "'"), dead.reason());
        assertEquals("slavealloc-service.events", dead.fromQueue());
    }

    static MachineBooted booted(String requestId, String hostname, String appEnvironment, boolean slave) {
        return new MachineBooted(requestId, hostname, "system-" + hostname, "52:54:00:00:00:01", Farm.LOCALHOST,
                "releng-build-linux64", "1", "sha256:0", "default", slave, appEnvironment, "boot-1");
    }
}
