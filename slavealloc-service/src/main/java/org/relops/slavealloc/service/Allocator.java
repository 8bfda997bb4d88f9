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
 * Attaches slaves to masters by the {@link AllocationPolicy}, safely under concurrency: it takes a
 * PostgreSQL advisory lock for the slave's pool and silo, held until the transaction ends, then reads
 * the slave again and counts. Allocations of one silo thus run one after the other across threads and
 * replicas, each seeing what every earlier one recorded; different silos do not wait for each other.
 * <p>
 * A slave the policy keeps where it is changes no count, so that answer needs no lock: it is checked
 * first, without one, and writes nothing. A farm rebooting in balance thus costs reads only, and only
 * slaves that move (new ones, or those of a disabled master) queue for their silo's lock.
 */
@ApplicationScoped
public class Allocator {

    @Inject
    EntityManager entityManager;

    /** Attaches a slave to its master: its locked master, or the policy's choice. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Allocation allocate(Slave slave) {
        if (slave.currentMasterId != null) {
            Optional<Master> unlocked = choose(slave);
            if (unlocked.isPresent() && unlocked.get().id.equals(slave.currentMasterId)) {
                return new Allocation(unlocked.get(), slave.currentMasterId);
            }
        }
        Silo locked = slave.silo();
        lockSilo(slave.poolId, locked);
        entityManager.refresh(slave);
        if (!slave.silo().equals(locked)) {
            // edited since it was read: the lock that counts is its new silo's
            lockSilo(slave.poolId, slave.silo());
        }
        Allocation allocation = new Allocation(choose(slave).orElse(null), slave.currentMasterId);
        if (allocation.moved()) {
            slave.currentMasterId = allocation.attached() ? allocation.master().id : null;
            slave.allocatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
        return allocation;
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
