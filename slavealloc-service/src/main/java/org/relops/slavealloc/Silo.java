package org.relops.slavealloc;

import java.util.Objects;

/**
 * A set of interchangeable slaves: those sharing distro, bitlength, speed, purpose, datacenter, trust
 * level and environment. Allocation balances each silo over its pool's masters.
 */
public record Silo(int distroId, int bitsId, int speedId, int purposeId, int dcId, int trustId, int envId) {

    /** A 32-bit key for the silo's allocation lock; a collision only makes two silos wait for each other. */
    public int lockKey() {
        return Objects.hash(distroId, bitsId, speedId, purposeId, dcId, trustId, envId);
    }
}
