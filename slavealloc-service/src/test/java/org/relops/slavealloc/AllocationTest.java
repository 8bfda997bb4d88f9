package org.relops.slavealloc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.relops.slavealloc.Operator.currentMaster;
import static org.relops.slavealloc.Operator.gettacMasterHost;
import static org.relops.slavealloc.Operator.updateMaster;
import static org.relops.slavealloc.Operator.updateSlave;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relops.model.event.SlaveAllocated;
import org.relops.model.event.SlaveDetached;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.slavealloc.service.TacRenderer;
import org.relops.testing.BusProbe;

import io.quarkus.test.junit.QuarkusTest;

/** The allocation algorithm, through {@code /gettac} as slaves call it. */
@QuarkusTest
class AllocationTest {

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
    void shouldSpreadASiloEvenlyOverThePoolsMasters() {
        Farm farm = Farm.named("even").withMasters(3).withSlaves(6).importWith(importer);

        Map<String, Integer> perMaster = new HashMap<>();
        for (int slave = 1; slave <= 6; slave++) {
            perMaster.merge(gettacMasterHost(farm.slave(slave)), 1, Integer::sum);
        }

        assertEquals(Map.of(farm.fqdn(1), 2, farm.fqdn(2), 2, farm.fqdn(3), 2), perMaster);
    }

    @Test
    void shouldCountOnlySlavesOfTheSameSilo() {
        Farm farm = Farm.named("silo").withMasters(2).withSlaves(2, "build").withSlaves(1, "tests")
                .importWith(importer);
        gettacMasterHost(farm.slave(1));
        gettacMasterHost(farm.slave(2));

        assertEquals(farm.fqdn(1), gettacMasterHost(farm.slave(3)),
                "a tests slave ignores the build slaves and takes the first master by name");
    }

    @Test
    void shouldBreakTiesByMasterName() {
        Farm farm = Farm.named("tie").withMasters(3).withSlaves(1).importWith(importer);

        assertEquals(farm.fqdn(1), gettacMasterHost(farm.slave(1)));
    }

    @Test
    void shouldAttachALockedSlaveToItsMasterWhateverTheLoad() {
        Farm farm = Farm.named("lock").withMasters(2).withSlaves(2);
        Map<String, Object> locked = farm.slave(farm.slave(3), "build");
        locked.put("locked_master", farm.master(1));
        farm.withSlave(locked).importWith(importer);
        gettacMasterHost(farm.slave(1));
        gettacMasterHost(farm.slave(2));

        assertEquals(farm.fqdn(1), gettacMasterHost(farm.slave(3)));
        assertEquals(farm.master(1), currentMaster(farm.slave(3)));
    }

    @Test
    void shouldStayOnItsMasterAtRebootWhenTheSiloIsBalanced() {
        Farm farm = Farm.named("sticky").withMasters(2).withSlaves(2).importWith(importer);
        String first = gettacMasterHost(farm.slave(1));
        String second = gettacMasterHost(farm.slave(2));

        assertEquals(second, gettacMasterHost(farm.slave(2)));
        assertEquals(first, gettacMasterHost(farm.slave(1)));
    }

    @Test
    void shouldGiveADisabledSlaveATacThatRefusesToStart() {
        Farm farm = Farm.named("off").withMasters(1).withSlaves(1).importWith(importer);
        gettacMasterHost(farm.slave(1));
        updateSlave(farm.slave(1), Map.of("enabled", false, "notes", "bad disk"));

        given().when().get("/gettac/" + farm.slave(1))
                .then().statusCode(200)
                .body(startsWith(TacRenderer.MARKER + "\n"))
                .body(containsString("disabled"))
                .body(containsString("sys.exit(1)"))
                .body(not(containsString(Farm.PASSWORD)));
        SlaveDetached detached = bus.awaitEvent(SlaveDetached.class, event -> event.slave().equals(farm.slave(1)));
        assertEquals(farm.master(1), detached.master());
        assertNull(currentMaster(farm.slave(1)));
    }

    @Test
    void shouldMoveSlavesOffADisabledMasterAtTheirNextGettac() {
        Farm farm = Farm.named("drain").withMasters(2).withSlaves(4).importWith(importer);
        for (int slave = 1; slave <= 4; slave++) {
            gettacMasterHost(farm.slave(slave));
        }
        updateMaster(farm.master(1), Map.of("enabled", false));

        for (int slave = 1; slave <= 4; slave++) {
            assertEquals(farm.fqdn(2), gettacMasterHost(farm.slave(slave)));
        }

        given().when().get("/api/silos?pool=" + farm.pool)
                .then().statusCode(200)
                .body("[0].masters." + farm.master(2), equalTo(4))
                .body("[0].slaves", equalTo(4));
        for (int moved : new int[] {1, 3}) {
            bus.awaitEvent(SlaveAllocated.class, event -> event.slave().equals(farm.slave(moved))
                    && event.master().equals(farm.master(2)));
        }
    }

    @Test
    void shouldAnswerNoAllocationWhenThePoolHasNoEnabledMaster() {
        Farm farm = Farm.named("empty").withMasters(1).withSlaves(1).importWith(importer);
        gettacMasterHost(farm.slave(1));
        updateMaster(farm.master(1), Map.of("enabled", false));

        given().when().get("/gettac/" + farm.slave(1))
                .then().statusCode(404).body(equalTo("no allocation available"));
        bus.awaitEvent(SlaveDetached.class, event -> event.slave().equals(farm.slave(1))
                && event.master().equals(farm.master(1)));
    }

    @Test
    void shouldAnswerNoAllocationForAnUnknownSlave() {
        given().when().get("/gettac/no-such-slave")
                .then().statusCode(404)
                .contentType(startsWith("text/plain"))
                .body(equalTo("no allocation available"));
    }
}
