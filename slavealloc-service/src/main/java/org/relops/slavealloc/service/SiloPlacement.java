package org.relops.slavealloc.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.relops.model.event.SlaveAllocated;
import org.relops.slavealloc.Silo;
import org.relops.slavealloc.service.SlaveTacRow.Candidate;

/**
 * Where a batch of one silo's slaves goes, by the {@link AllocationPolicy}, as if they were allocated one after
 * the other: each on the least loaded master, counting the ones placed before it, the slave itself not counted
 * where it is recorded now. Also the moves to record and their events.
 */
record SiloPlacement(Map<Integer, Candidate> placed, List<Integer> movedSlaves, List<Integer> movedTo,
        List<SlaveAllocated> events) {

    /** Places the slaves (as read under the silo's lock; null = gone) on these masters with their loads. */
    static SiloPlacement place(List<Fresh> slaves, int poolId, Silo silo, String pool, Map<Integer, Candidate> masters) {
        SiloPlacement placement = new SiloPlacement(new HashMap<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        Map<Integer, Long> counts = new HashMap<>();
        masters.values().forEach(master -> counts.put(master.masterId(), master.siloSlaves()));
        for (Fresh slave : slaves) {
            if (masters.isEmpty() || slave == null || !slave.allocatableIn(poolId, silo)) {
                continue;
            }
            Candidate chosen = choose(slave, masters, counts);
            placement.placed.put(slave.id(), chosen);
            if (!Objects.equals(slave.currentMasterId(), chosen.masterId())) {
                counts.computeIfPresent(slave.currentMasterId(), (id, count) -> count - 1);
                counts.merge(chosen.masterId(), 1L, Long::sum);
                placement.movedSlaves.add(slave.id());
                placement.movedTo.add(chosen.masterId());
                placement.events.add(new SlaveAllocated(slave.requestId(), slave.name(), chosen.nickname(),
                        chosen.fqdn(), pool));
            }
        }
        return placement;
    }

    /** The policy's choice for one slave, the slave itself not counted where it is recorded now. */
    private static Candidate choose(Fresh slave, Map<Integer, Candidate> masters, Map<Integer, Long> counts) {
        List<MasterLoad> loads = masters.values().stream()
                .map(master -> new MasterLoad(master.masterId(), master.nickname(), counts.get(master.masterId())
                        - (Objects.equals(slave.currentMasterId(), master.masterId()) ? 1 : 0)))
                .toList();
        return masters.get(AllocationPolicy.choose(loads).orElseThrow().masterId());
    }

    /** A slave of the batch as it is under the lock. */
    record Fresh(int id, String name, Integer currentMasterId, Integer lockedMasterId, boolean enabled,
            int poolId, Silo silo, String requestId) {

        /** Still a slave this batch may place: enabled, not locked, in the batch's pool and silo. */
        boolean allocatableIn(int batchPool, Silo batchSilo) {
            return enabled && lockedMasterId == null && poolId == batchPool && silo.equals(batchSilo);
        }
    }
}
