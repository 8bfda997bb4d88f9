package org.relops.slavealloc.service;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The allocator's rule: among the enabled masters of the slave's pool, the one with the fewest slaves
 * of the same silo (a master with none counts 0), ties broken by master name.
 */
public final class AllocationPolicy {

    private static final Comparator<MasterLoad> LEAST_LOADED = Comparator
            .comparingLong(MasterLoad::siloSlaves)
            .thenComparing(load -> load.nickname().toLowerCase(Locale.ROOT))
            .thenComparingInt(MasterLoad::masterId);

    private AllocationPolicy() {
    }

    public static Optional<MasterLoad> choose(List<MasterLoad> candidates) {
        return candidates.stream().min(LEAST_LOADED);
    }
}
