package org.relops.imaging.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.relops.imaging.NetworkLease;
import org.relops.imaging.provider.ProviderException;

/**
 * Hands out numbered slots of a named pool, one per machine, kept across reimages and freed on
 * decommission. Providers turn a slot into an address or a subnet.
 */
@ApplicationScoped
public class AddressPool {

    /** The machine's slot in the pool: the one it holds already, else the lowest free one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int lease(String pool, int slots, String hostname) {
        var held = NetworkLease.findHeld(pool, hostname);
        if (held.isPresent()) {
            return held.get().slot;
        }
        // Serialises leasing within a pool, so two machines never take the same free slot.
        NetworkLease.getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "network_lease:" + pool)
                .getSingleResult();
        List<Integer> taken = NetworkLease.getEntityManager()
                .createQuery("select l.slot from NetworkLease l where l.pool = ?1 order by l.slot", Integer.class)
                .setParameter(1, pool)
                .setLockMode(LockModeType.NONE)
                .getResultList();
        int slot = 1;
        for (int used : taken) {
            if (used != slot) {
                break;
            }
            slot++;
        }
        if (slot > slots) {
            throw new ProviderException("address pool '" + pool + "' is exhausted (" + slots + " machines)");
        }
        NetworkLease lease = new NetworkLease();
        lease.pool = pool;
        lease.slot = slot;
        lease.hostname = hostname;
        lease.persist();
        return slot;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseAll(String hostname) {
        NetworkLease.delete("hostname", hostname);
    }
}
