package org.relops.slavealloc.service;

import java.util.List;
import java.util.Optional;

import org.relops.slavealloc.Silo;

/**
 * Everything a known slave's tac depends on, read in one statement: the slave's own fields, its
 * password (encrypted, already resolved: its own, its pool's for its distro, its pool's), its template
 * (null = the built-in one), the masters it could be attached to with their load of its silo, and the
 * generation of the data it was read at.
 */
public record SlaveTacRow(int slaveId, String name, int poolId, Silo silo, boolean enabled, String address,
        String tacTokenHash, String basedir, Integer currentMasterId, Integer lockedMasterId, String passwordEnc, String template,
        List<Candidate> candidates, Generation generation) {

    /** A master the slave could be attached to: where it listens, and how many slaves of the silo it holds. */
    public record Candidate(int masterId, String nickname, String fqdn, int pbPort, long siloSlaves) {

        MasterLoad load() {
            return new MasterLoad(masterId, nickname, siloSlaves);
        }
    }

    /**
     * The master the allocation policy keeps the slave on, if it stays where it is: its locked master, or
     * the least loaded one when that is its current master. Empty when allocation would move it.
     */
    public Optional<Candidate> stayingMaster() {
        if (currentMasterId == null) {
            return Optional.empty();
        }
        Optional<Candidate> chosen = lockedMasterId != null
                ? candidates.stream().filter(candidate -> candidate.masterId() == lockedMasterId).findFirst()
                : AllocationPolicy.choose(candidates.stream().map(Candidate::load).toList())
                        .flatMap(load -> candidates.stream().filter(c -> c.masterId() == load.masterId()).findFirst());
        return chosen.filter(master -> master.masterId() == currentMasterId);
    }
}
