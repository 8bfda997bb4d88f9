package org.relops.slavealloc.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.model.event.SlaveAllocated;
import org.relops.slavealloc.Silo;
import org.relops.slavealloc.service.SlaveTacRow.Candidate;
import org.relops.support.outbox.EventOutbox;

import io.agroal.api.AgroalDataSource;

/**
 * Allocates several slaves of one silo in one transaction, exactly as {@link Allocator} would one after the
 * other: under the silo's advisory lock it reads the slaves again and the silo's load of each enabled master
 * of the pool once, then places each slave in turn on the least loaded master (counting the ones placed
 * before it), records every move with one statement and a {@code slave.allocated} event per moved slave with
 * another, all committed together. A slave that changed meanwhile (disabled, locked, another pool or silo, gone) is left
 * out, to be allocated on its own.
 */
@ApplicationScoped
public class SiloBatchAllocator {

    private static final Logger LOG = Logger.getLogger(SiloBatchAllocator.class);

    private static final String SLAVES = """
            select slaveid, name, current_masterid, locked_masterid, enabled, poolid, distroid, bitsid, speedid,
                   purposeid, dcid, trustid, envid, request_id
            from slaves where slaveid = any(?)""";
    private static final String LOADS = """
            select m.masterid, m.nickname, m.fqdn, m.pb_port, p.name as pool, count(o.slaveid) as silo_slaves
            from masters m
            join pools p on p.poolid = m.poolid
            left join slaves o on o.current_masterid = m.masterid
                and o.distroid = ? and o.bitsid = ? and o.speedid = ? and o.purposeid = ? and o.dcid = ?
                and o.trustid = ? and o.envid = ?
            where m.poolid = ? and m.enabled
            group by m.masterid, m.nickname, m.fqdn, m.pb_port, p.name""";
    private static final String MOVE = """
            update slaves s set current_masterid = moved.master, allocated_at = now()
            from unnest(?::int[], ?::int[]) as moved(slave, master) where s.slaveid = moved.slave""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventOutbox outbox;

    /** Where each slave of the batch is now attached, by slave id; a slave left out is absent. */
    @Transactional
    public Map<Integer, Candidate> allocate(int poolId, Silo silo, List<SlaveTacRow> batch) {
        try (Connection connection = dataSource.getConnection()) {
            lock(connection, poolId, silo);
            Map<Integer, Fresh> fresh = reread(connection, batch);
            Map<Integer, Candidate> masters = new LinkedHashMap<>();
            Map<Integer, Long> counts = new HashMap<>();
            String pool = loads(connection, poolId, silo, masters, counts);
            Map<Integer, Candidate> placed = new HashMap<>();
            List<Integer> movedSlaves = new ArrayList<>();
            List<Integer> movedTo = new ArrayList<>();
            List<SlaveAllocated> events = new ArrayList<>();
            for (SlaveTacRow row : batch) {
                Fresh slave = fresh.get(row.slaveId());
                if (masters.isEmpty() || slave == null || !slave.allocatableIn(poolId, silo)) {
                    continue;
                }
                Candidate chosen = choose(slave, masters, counts);
                placed.put(slave.id(), chosen);
                if (!Objects.equals(slave.currentMasterId(), chosen.masterId())) {
                    counts.computeIfPresent(slave.currentMasterId(), (id, count) -> count - 1);
                    counts.merge(chosen.masterId(), 1L, Long::sum);
                    movedSlaves.add(slave.id());
                    movedTo.add(chosen.masterId());
                    events.add(new SlaveAllocated(slave.requestId(), slave.name(), chosen.nickname(), chosen.fqdn(),
                            pool));
                }
            }
            move(connection, movedSlaves, movedTo);
            outbox.emitAll(events);
            events.forEach(event -> LOG.infof("slave %s allocated to %s", event.slave(), event.master()));
            return placed;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot allocate slaves of pool " + poolId + ": " + e.getMessage(), e);
        }
    }

    /** The policy's choice for one slave, the slave itself not counted where it is recorded now. */
    private static Candidate choose(Fresh slave, Map<Integer, Candidate> masters, Map<Integer, Long> counts) {
        List<MasterLoad> loads = masters.values().stream()
                .map(master -> new MasterLoad(master.masterId(), master.nickname(), counts.get(master.masterId())
                        - (Objects.equals(slave.currentMasterId(), master.masterId()) ? 1 : 0)))
                .toList();
        return masters.get(AllocationPolicy.choose(loads).orElseThrow().masterId());
    }

    private static void lock(Connection connection, int poolId, Silo silo) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
            statement.setInt(1, poolId);
            statement.setInt(2, silo.lockKey());
            statement.execute();
        }
    }

    private static Map<Integer, Fresh> reread(Connection connection, List<SlaveTacRow> batch) throws SQLException {
        Map<Integer, Fresh> fresh = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(SLAVES)) {
            statement.setArray(1, connection.createArrayOf("integer",
                    batch.stream().map(SlaveTacRow::slaveId).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Silo silo = new Silo(rows.getInt("distroid"), rows.getInt("bitsid"), rows.getInt("speedid"),
                            rows.getInt("purposeid"), rows.getInt("dcid"), rows.getInt("trustid"),
                            rows.getInt("envid"));
                    fresh.put(rows.getInt("slaveid"), new Fresh(rows.getInt("slaveid"), rows.getString("name"),
                            (Integer) rows.getObject("current_masterid"), (Integer) rows.getObject("locked_masterid"),
                            rows.getBoolean("enabled"), rows.getInt("poolid"), silo, rows.getString("request_id")));
                }
            }
        }
        return fresh;
    }

    /** Fills the pool's enabled masters and their load of the silo; returns the pool's name. */
    private static String loads(Connection connection, int poolId, Silo silo, Map<Integer, Candidate> masters,
            Map<Integer, Long> counts) throws SQLException {
        String pool = null;
        try (PreparedStatement statement = connection.prepareStatement(LOADS)) {
            int[] values = {silo.distroId(), silo.bitsId(), silo.speedId(), silo.purposeId(), silo.dcId(),
                    silo.trustId(), silo.envId(), poolId};
            for (int i = 0; i < values.length; i++) {
                statement.setInt(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Candidate master = new Candidate(rows.getInt("masterid"), rows.getString("nickname"),
                            rows.getString("fqdn"), rows.getInt("pb_port"), rows.getLong("silo_slaves"));
                    masters.put(master.masterId(), master);
                    counts.put(master.masterId(), master.siloSlaves());
                    pool = rows.getString("pool");
                }
            }
        }
        return pool;
    }

    private static void move(Connection connection, List<Integer> slaves, List<Integer> masters)
            throws SQLException {
        if (slaves.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MOVE)) {
            statement.setArray(1, connection.createArrayOf("integer", slaves.toArray()));
            statement.setArray(2, connection.createArrayOf("integer", masters.toArray()));
            statement.executeUpdate();
        }
    }

    /** A slave of the batch as it is under the lock. */
    private record Fresh(int id, String name, Integer currentMasterId, Integer lockedMasterId, boolean enabled,
            int poolId, Silo silo, String requestId) {

        /** Still a slave this batch may place: enabled, not locked, in the batch's pool and silo. */
        boolean allocatableIn(int batchPool, Silo batchSilo) {
            return enabled && lockedMasterId == null && poolId == batchPool && silo.equals(batchSilo);
        }
    }
}
