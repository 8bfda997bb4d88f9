package org.relops.slavealloc.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.slavealloc.config.SlaveallocConfig;

/**
 * This replica's rendered tacs of slaves that stay on their master, by slave name (lower-case), each with
 * the generation it was read at and what the access check needs. An entry is only ever served after
 * {@link TacGenerations} says its generation is still the current one; one that is not is replaced by the
 * next read. At most {@code relops.slavealloc.tac.cache-size} entries (0: no cache).
 */
@ApplicationScoped
public class TacCache {

    @Inject
    SlaveallocConfig config;

    private final Map<String, CachedTac> tacs = new ConcurrentHashMap<>();

    /** A served tac and what it was computed from. */
    public record CachedTac(String slave, String address, String tacTokenHash, String tac, Generation generation) {

        /** Whether the generations read now are the ones this tac was computed at. */
        public boolean isCurrent(Map<String, Long> current) {
            return current.getOrDefault(generation.siloScope(), 0L) == generation.silo()
                    && current.getOrDefault(Generation.GLOBAL_SCOPE, 0L) == generation.global();
        }
    }

    public Optional<CachedTac> find(String slave) {
        // the key is lower-cased in Java, the database's match in SQL: both must name the same slave
        return Optional.ofNullable(tacs.get(key(slave))).filter(cached -> cached.slave().equalsIgnoreCase(slave));
    }

    public void remember(SlaveTacRow row, String tac) {
        if (tacs.size() >= config.tac().cacheSize() && !tacs.containsKey(key(row.name()))) {
            return;
        }
        tacs.put(key(row.name()), new CachedTac(row.name(), row.address(), row.tacTokenHash(), tac,
                row.generation()));
    }

    public void forget(String slave) {
        tacs.remove(key(slave));
    }

    /** Whether a tac of this slave is held (current or not). */
    public boolean holds(String slave) {
        return tacs.containsKey(key(slave));
    }

    private static String key(String slave) {
        return slave.toLowerCase(java.util.Locale.ROOT);
    }
}
