package org.relops.slavealloc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.model.event.SlaveAllocated;
import org.relops.slavealloc.importer.DumpImporter;

import io.agroal.api.AgroalDataSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Allocation stays balanced and single when slaves boot all at once: 200 slaves of one silo call
 * {@code /gettac} concurrently against 4 masters (allocated in batches, each slave announced once).
 */
@QuarkusTest
class ConcurrentAllocationTest {

    private static final int SLAVES = 200;
    private static final int MASTERS = 4;
    private static final int CLIENTS = 64;

    @TestHTTPResource("/")
    URI base;

    @Inject
    DumpImporter importer;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldBalanceTwoHundredConcurrentSlavesFiftyPerMasterAndRecordEachOnOne() throws Exception {
        Farm farm = Farm.named("herd").withMasters(MASTERS).withSlaves(SLAVES).importWith(importer);

        Map<String, String> servedMaster = gettacAllAtOnce(farm);

        HerdChecks.assertBalanced(servedMaster.values(), MASTERS);
        assertRecordedAsServed(farm, servedMaster);
    }

    @Test
    void shouldAnnounceEachSlaveOfAHerdOnceOnTheMasterItsTacNames() throws Exception {
        Farm farm = Farm.named("once").withMasters(MASTERS).withSlaves(SLAVES).importWith(importer);

        Map<String, String> servedMaster = gettacAllAtOnce(farm);

        Map<String, Integer> recorded = new HashMap<>();
        for (SlaveAllocated event : HerdChecks.announced(dataSource, farm.pool)) {
            recorded.merge(event.slave(), 1, Integer::sum);
            assertEquals(servedMaster.get(event.slave()), event.masterFqdn(), event.slave());
        }
        assertEquals(SLAVES, recorded.size(), "slaves with a slave.allocated event");
        recorded.forEach((slave, count) -> assertEquals(1, count, slave + " was announced " + count + " times"));
    }

    @Test
    void shouldKeepABalancedHerdWhereItIsWhenItBootsAgainAllAtOnce() throws Exception {
        Farm farm = Farm.named("reherd").withMasters(MASTERS).withSlaves(SLAVES).importWith(importer);
        Map<String, String> first = gettacAllAtOnce(farm);

        Map<String, String> second = gettacAllAtOnce(farm);

        HerdChecks.assertBalanced(second.values(), MASTERS);
        assertRecordedAsServed(farm, second);
        long moved = first.keySet().stream().filter(slave -> !first.get(slave).equals(second.get(slave))).count();
        assertTrue(moved <= MASTERS, moved + " slaves changed master although the herd was balanced");
    }

    private void assertRecordedAsServed(Farm farm, Map<String, String> servedMaster) {
        JsonPath slaves = given().when().get("/api/slaves?pool=" + farm.pool).then().statusCode(200)
                .extract().jsonPath();
        List<String> names = slaves.getList("name");
        List<String> recorded = slaves.getList("current_master");
        assertEquals(SLAVES, names.size());
        for (int i = 0; i < names.size(); i++) {
            assertEquals(servedMaster.get(names.get(i)), recorded.get(i) + ".test.relops.example",
                    names.get(i) + " is recorded on another master than its tac names");
        }
    }

    /** Every slave of the farm fetches its tac at the same moment; slave -> master host its tac names. */
    private Map<String, String> gettacAllAtOnce(Farm farm) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<String[]>> calls = new ArrayList<>();
            for (int slave = 1; slave <= SLAVES; slave++) {
                String name = farm.slave(slave);
                calls.add(() -> {
                    start.await();
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(base.resolve("/gettac/" + name)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, response.statusCode(), name + ": " + response.body());
                    return new String[] {name, Tacs.masterHost(response.body())};
                });
            }
            List<Future<String[]>> results = new ArrayList<>();
            calls.forEach(call -> results.add(clients.submit(call)));
            start.countDown();
            Map<String, String> served = new HashMap<>();
            for (Future<String[]> result : results) {
                String[] pair = result.get();
                served.put(pair[0], pair[1]);
            }
            return served;
        } finally {
            clients.shutdownNow();
        }
    }
}
