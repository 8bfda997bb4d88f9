package org.relops.dns.server;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * The zones the server answers for, copy-on-write: a query takes the current {@link Catalogue} without a
 * lock and answers from it alone; a change swaps in a new catalogue (with a fresh response cache) in one
 * write, so an answer is never cached against a zone version it was not made from.
 */
public final class ServedZones {

    private final int cacheCapacity;
    private volatile Catalogue catalogue;

    public ServedZones(int cacheCapacity) {
        this.cacheCapacity = cacheCapacity;
        this.catalogue = new Catalogue(Map.of(), new ResponseCache(cacheCapacity));
    }

    /** Serves this version of a zone from now on, in place of any earlier one. */
    public synchronized void serve(ZoneSnapshot zone) {
        Map<Name, ZoneSnapshot> zones = new HashMap<>(catalogue.zones());
        zones.put(zone.origin(), zone);
        catalogue = new Catalogue(Map.copyOf(zones), new ResponseCache(cacheCapacity));
    }

    public Optional<ZoneSnapshot> zone(Name origin) {
        return Optional.ofNullable(catalogue.zones().get(origin));
    }

    public Collection<ZoneSnapshot> zones() {
        return catalogue.zones().values();
    }

    /** The zones as they are now, for answering one query. */
    Catalogue current() {
        return catalogue;
    }

    /** One version of all served zones and the answers rendered from it. */
    record Catalogue(Map<Name, ZoneSnapshot> zones, ResponseCache cache) {

        /** The zone a name falls in (the deepest one), if the server has it. */
        Optional<ZoneSnapshot> zoneFor(Name name) {
            for (int skip = 0; skip < name.labels(); skip++) {
                ZoneSnapshot zone = zones.get(skip == 0 ? name : new Name(name, skip));
                if (zone != null) {
                    return Optional.of(zone);
                }
            }
            return Optional.empty();
        }
    }
}
