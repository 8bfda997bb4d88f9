package org.relops.slavealloc.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.relops.slavealloc.Master;
import org.relops.slavealloc.Silo;
import org.relops.slavealloc.Slave;

/**
 * Attaches slaves to masters by the {@link AllocationPolicy}, safely under concurrency: the caller
 * holds the slave's row lock, and the allocator takes a PostgreSQL advisory lock for the slave's pool
 * and silo before it counts, held until the transaction ends. Allocations of one silo thus run one
 * after the other across threads and replicas, and each counts the slaves every earlier one attached;
 * different silos do not wait for each other.
 */
@ApplicationScoped
public class Allocator {

    @Inject
    EntityManager entityManager;

    /** Attaches a row-locked slave to its master: its locked master, or the policy's choice. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Allocation> allocate(Slave slave) {
        lockSilo(slave.poolId, slave.silo());
        Optional<Master> chosen = choose(slave);
        Integer previous = slave.currentMasterId;
        slave.currentMasterId = chosen.map(master -> master.id).orElse(null);
        if (chosen.isPresent()) {
            slave.allocatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
        return chosen.map(master -> new Allocation(master, !master.id.equals(previous)));
    }

    /** The master {@link #allocate} would choose now, changing and locking nothing. */
    public Optional<Master> choose(Slave slave) {
        if (slave.lockedMasterId != null) {
            return Master.findByIdOptional(slave.lockedMasterId);
        }
        return AllocationPolicy.choose(loads(slave)).map(load -> Master.findById(load.masterId()));
    }

    private void lockSilo(int poolId, Silo silo) {
        entityManager.createNativeQuery("select 1 from (select pg_advisory_xact_lock(:pool, :silo)) locked")
                .setParameter("pool", poolId)
                .setParameter("silo", silo.lockKey())
                .getSingleResult();
    }

    @SuppressWarnings("unchecked")
    private List<MasterLoad> loads(Slave slave) {
        Silo silo = slave.silo();
        List<Object[]> rows = entityManager.createNativeQuery("""
                select m.masterid, m.nickname, count(s.slaveid)
                from masters m
                left join slaves s on s.current_masterid = m.masterid and s.slaveid <> :self
                    and s.distroid = :distro and s.bitsid = :bits and s.speedid = :speed
                    and s.purposeid = :purpose and s.dcid = :dc and s.trustid = :trust and s.envid = :env
                where m.poolid = :pool and m.enabled
                group by m.masterid, m.nickname""")
                .setParameter("self", slave.id == null ? -1 : slave.id)
                .setParameter("distro", silo.distroId())
                .setParameter("bits", silo.bitsId())
                .setParameter("speed", silo.speedId())
                .setParameter("purpose", silo.purposeId())
                .setParameter("dc", silo.dcId())
                .setParameter("trust", silo.trustId())
                .setParameter("env", silo.envId())
                .setParameter("pool", slave.poolId)
                .getResultList();
        return rows.stream()
                .map(row -> new MasterLoad(((Number) row[0]).intValue(), (String) row[1],
                        ((Number) row[2]).longValue()))
                .toList();
    }
}
