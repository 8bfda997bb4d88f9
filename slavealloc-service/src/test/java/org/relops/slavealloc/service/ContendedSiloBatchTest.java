package org.relops.slavealloc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.relops.slavealloc.Farm;
import org.relops.slavealloc.HerdChecks;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.slavealloc.service.SlaveTacRow.Candidate;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Batches of one silo allocated at the same moment on separate connections, as the replicas' batches are: they
 * queue for the silo's lock in the database, and together they place every slave once, keep the silo balanced
 * within one per master, and record exactly what they answered, with one event per slave.
 */
@QuarkusTest
class ContendedSiloBatchTest {

    private static final int MASTERS = 3;
    private static final int BATCHES = 8;
    private static final int PER_BATCH = 10;
    private static final int SLAVES = BATCHES * PER_BATCH;

    @Inject
    DumpImporter importer;

    @Inject
    SlaveTacQuery query;

    @Inject
    SiloBatchAllocator allocator;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldPlaceEverySlaveOnceAndKeepTheSiloBalancedWhenBatchesContend() throws Exception {
        Farm farm = Farm.named("contend").withMasters(MASTERS).withSlaves(SLAVES).importWith(importer);

        Map<Integer, Candidate> placed = allocateAllAtOnce(farm);

        assertEquals(SLAVES, placed.size(), "slaves placed");
        HerdChecks.assertBalanced(asNicknames(placed).values(), MASTERS);
        assertEquals(recordedMasters(farm), asNicknames(placed), "masters recorded against those answered");
        assertEquals(asNicknames(placed), announcedMasters(farm), "masters announced against those answered");
    }

    private Map<Integer, Candidate> allocateAllAtOnce(Farm farm) throws Exception {
        List<List<SlaveTacRow>> batches = new ArrayList<>();
        for (int batch = 0; batch < BATCHES; batch++) {
            List<SlaveTacRow> rows = new ArrayList<>();
            for (int slave = 1; slave <= PER_BATCH; slave++) {
                rows.add(query.find(farm.slave(batch * PER_BATCH + slave)).orElseThrow());
            }
            batches.add(rows);
        }
        ExecutorService replicas = Executors.newFixedThreadPool(BATCHES);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Map<Integer, Candidate>>> results = new ArrayList<>();
            for (List<SlaveTacRow> batch : batches) {
                Callable<Map<Integer, Candidate>> allocation = () -> {
                    start.await();
                    return allocator.allocate(batch.get(0).poolId(), batch.get(0).silo(), batch);
                };
                results.add(replicas.submit(allocation));
            }
            start.countDown();
            Map<Integer, Candidate> placed = new HashMap<>();
            for (Future<Map<Integer, Candidate>> result : results) {
                result.get().forEach((slave, master) -> assertEquals(null, placed.put(slave, master),
                        "slave " + slave + " placed twice"));
            }
            return placed;
        } finally {
            replicas.shutdownNow();
        }
    }

    private static Map<Integer, String> asNicknames(Map<Integer, Candidate> placed) {
        Map<Integer, String> nicknames = new HashMap<>();
        placed.forEach((slave, master) -> nicknames.put(slave, master.nickname()));
        return nicknames;
    }

    /** Slave id -> the nickname of the master the database records it on. */
    private Map<Integer, String> recordedMasters(Farm farm) throws Exception {
        Map<Integer, String> recorded = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select s.slaveid, m.nickname from slaves s join pools p on p.poolid = s.poolid
                        left join masters m on m.masterid = s.current_masterid where p.name = ?""")) {
            statement.setString(1, farm.pool);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    recorded.put(rows.getInt(1), rows.getString(2));
                }
            }
        }
        return recorded;
    }

    /** Slave id -> the master of its one slave.allocated event (an event more would fail). */
    private Map<Integer, String> announcedMasters(Farm farm) throws Exception {
        Map<String, Integer> ids = new HashMap<>();
        for (int slave = 1; slave <= SLAVES; slave++) {
            ids.put(farm.slave(slave), query.find(farm.slave(slave)).orElseThrow().slaveId());
        }
        Map<Integer, String> announced = new HashMap<>();
        for (SlaveAllocated event : HerdChecks.announced(dataSource, farm.pool)) {
            assertEquals(null, announced.put(ids.get(event.slave()), event.master()), event.slave() + " announced twice");
        }
        return announced;
    }
}
