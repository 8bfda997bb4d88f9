package org.relops.slavealloc.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.slavealloc.Silo;
import org.relops.slavealloc.service.SiloPlacement.Fresh;
import org.relops.slavealloc.service.SlaveTacRow.Candidate;
import org.relops.support.outbox.EventOutbox;
import org.relops.support.outbox.OutboxRows;

import io.agroal.api.AgroalDataSource;

/**
 * Allocates several slaves of one silo in one transaction, exactly as {@link Allocator} would one after the
 * other ({@link SiloPlacement}), in two round trips to the database: the first opens the transaction, waits for
 * the silo's advisory lock and then reads the slaves again and the silo's load of each enabled master of the
 * pool; the second records every move, a {@code slave.allocated} event per moved slave, and commits. The lock
 * is thus held for one round trip and the commit, whoever else waits for it (the other replicas). A slave that
 * changed meanwhile (disabled, locked, another pool or silo, gone) is left out, to be allocated on its own.
 */
@ApplicationScoped
public class SiloBatchAllocator {

    private static final Logger LOG = Logger.getLogger(SiloBatchAllocator.class);

    // Statements sent together run one after the other, each on a snapshot of its own taken when it starts: the
    // reads see every allocation committed before the lock was granted.
    private static final String LOCK_AND_READ = """
            select pg_advisory_xact_lock(?, ?);
            select slaveid, name, current_masterid, locked_masterid, enabled, poolid, distroid, bitsid, speedid,
                   purposeid, dcid, trustid, envid, request_id
            from slaves where slaveid = any(?);
            select m.masterid, m.nickname, m.fqdn, m.pb_port, p.name as pool, count(o.slaveid) as silo_slaves
            from masters m
            join pools p on p.poolid = m.poolid
            left join slaves o on o.current_masterid = m.masterid
                and o.distroid = ? and o.bitsid = ? and o.speedid = ? and o.purposeid = ? and o.dcid = ?
                and o.trustid = ? and o.envid = ?
            where m.poolid = ? and m.enabled
            group by m.masterid, m.nickname, m.fqdn, m.pb_port, p.name""";
    // The commit goes with the writes, so that the lock is released without another round trip.
    private static final String MOVE_RECORD_COMMIT = """
            update slaves s set current_masterid = moved.master, allocated_at = now()
            from unnest(?::int[], ?::int[]) as moved(slave, master) where s.slaveid = moved.slave;
            """ + OutboxRows.SQL + """
            ;
            commit""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventOutbox outbox;

    /** Where each slave of the batch is now attached, by slave id; a slave left out is absent. */
    // Its own JDBC transaction, not a JTA one: JTA would commit with a round trip of its own, under the lock.
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Map<Integer, Candidate> allocate(int poolId, Silo silo, List<SlaveTacRow> batch) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            SiloPlacement placement;
            try {
                placement = lockAndRead(connection, poolId, silo, batch);
                commit(connection, placement);
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
            if (!placement.events().isEmpty()) {
                outbox.committed();
            }
            placement.events().forEach(event -> LOG.infof("slave %s allocated to %s", event.slave(), event.master()));
            return placement.placed();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot allocate slaves of pool " + poolId + ": " + e.getMessage(), e);
        }
    }

    private static SiloPlacement lockAndRead(Connection connection, int poolId, Silo silo, List<SlaveTacRow> batch)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK_AND_READ)) {
            statement.setInt(1, poolId);
            statement.setInt(2, silo.lockKey());
            statement.setArray(3, connection.createArrayOf("integer",
                    batch.stream().map(SlaveTacRow::slaveId).toArray()));
            int[] values = {silo.distroId(), silo.bitsId(), silo.speedId(), silo.purposeId(), silo.dcId(),
                    silo.trustId(), silo.envId(), poolId};
            for (int i = 0; i < values.length; i++) {
                statement.setInt(4 + i, values[i]);
            }
            statement.execute();
            statement.getMoreResults();
            Map<Integer, Fresh> fresh;
            try (ResultSet rows = statement.getResultSet()) {
                fresh = fresh(rows);
            }
            statement.getMoreResults();
            try (ResultSet rows = statement.getResultSet()) {
                return loads(rows, fresh, poolId, silo, batch);
            }
        }
    }

    private static Map<Integer, Fresh> fresh(ResultSet rows) throws SQLException {
        Map<Integer, Fresh> fresh = new HashMap<>();
        while (rows.next()) {
            Silo silo = new Silo(rows.getInt("distroid"), rows.getInt("bitsid"), rows.getInt("speedid"),
                    rows.getInt("purposeid"), rows.getInt("dcid"), rows.getInt("trustid"), rows.getInt("envid"));
            fresh.put(rows.getInt("slaveid"), new Fresh(rows.getInt("slaveid"), rows.getString("name"),
                    (Integer) rows.getObject("current_masterid"), (Integer) rows.getObject("locked_masterid"),
                    rows.getBoolean("enabled"), rows.getInt("poolid"), silo, rows.getString("request_id")));
        }
        return fresh;
    }

    /** The pool's enabled masters and their load of the silo, and where the batch goes on them. */
    private static SiloPlacement loads(ResultSet rows, Map<Integer, Fresh> fresh, int poolId, Silo silo,
            List<SlaveTacRow> batch) throws SQLException {
        Map<Integer, Candidate> masters = new LinkedHashMap<>();
        String pool = null;
        while (rows.next()) {
            Candidate master = new Candidate(rows.getInt("masterid"), rows.getString("nickname"),
                    rows.getString("fqdn"), rows.getInt("pb_port"), rows.getLong("silo_slaves"));
            masters.put(master.masterId(), master);
            pool = rows.getString("pool");
        }
        return SiloPlacement.place(batch.stream().map(row -> fresh.get(row.slaveId())).toList(), poolId, silo, pool,
                masters);
    }

    private void commit(Connection connection, SiloPlacement placement) throws SQLException {
        if (placement.events().isEmpty()) {
            connection.commit();
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MOVE_RECORD_COMMIT)) {
            statement.setArray(1, connection.createArrayOf("integer", placement.movedSlaves().toArray()));
            statement.setArray(2, connection.createArrayOf("integer", placement.movedTo().toArray()));
            outbox.rows(placement.events()).bind(statement, 3);
            statement.execute();
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
