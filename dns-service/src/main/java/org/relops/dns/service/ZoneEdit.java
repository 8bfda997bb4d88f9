package org.relops.dns.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.relops.dns.DnsRecord;
import org.relops.dns.DnsZone;
import org.relops.dns.zone.RecordData;
import org.relops.dns.zone.ZoneNames;

/**
 * The changes one transaction makes to the environment's zones, whose rows it holds locked. Records are
 * written as they are added or removed; {@link ZoneWriter#commit} then moves each changed zone's serial on.
 */
public final class ZoneEdit {

    private final ZoneNames names;
    private final Map<String, DnsZone> zones = new LinkedHashMap<>();
    private final Map<String, List<RecordData>> added = new LinkedHashMap<>();
    private final Map<String, List<RecordData>> removed = new LinkedHashMap<>();

    ZoneEdit(ZoneNames names, List<DnsZone> locked) {
        this.names = names;
        locked.forEach(zone -> zones.put(zone.name, zone));
    }

    /** Adds a record unless the zone has it already (from any owner); {@code true} if it was added. */
    public boolean add(RecordData record, String owner) {
        String zone = zoneOf(record);
        if (DnsRecord.findSame(zone, record).isPresent()) {
            return false;
        }
        DnsRecord.of(zone, record, owner).persist();
        added.computeIfAbsent(zone, name -> new ArrayList<>()).add(record);
        return true;
    }

    public void remove(DnsRecord row) {
        row.delete();
        removed.computeIfAbsent(row.zone, name -> new ArrayList<>()).add(row.record());
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }

    /** The zone a record belongs in; {@link IllegalArgumentException} when it is in none of ours. */
    public String zoneOf(RecordData record) {
        String zone = names.zoneOf(ZoneNames.absolute(record.name())).map(ZoneNames::text)
                .orElseThrow(() -> new IllegalArgumentException(record.name() + " is in none of this service's zones"));
        if (!zones.containsKey(zone)) {
            throw new IllegalStateException("zone " + zone + " is not locked by this edit");
        }
        return zone;
    }

    Map<String, DnsZone> zones() {
        return zones;
    }

    List<RecordData> added(String zone) {
        return added.getOrDefault(zone, List.of());
    }

    List<RecordData> removed(String zone) {
        return removed.getOrDefault(zone, List.of());
    }

    boolean changed(String zone) {
        return added.containsKey(zone) || removed.containsKey(zone);
    }
}
