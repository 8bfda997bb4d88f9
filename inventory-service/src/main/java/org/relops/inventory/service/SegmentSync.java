package org.relops.inventory.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.relops.inventory.ImportPlan.SegmentChange;
import org.relops.inventory.ImportPlan.SegmentChanges;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.NetworkSegment;
import org.relops.inventory.file.SegmentSpec;
import org.relops.inventory.file.SystemSpec.FieldChange;

/**
 * The segment half of an import: which segments a file adds, removes and changes, what of that a running
 * machine forbids, and writing it. New and changed segments are written before the systems move onto
 * them, removed ones after the systems left them.
 */
final class SegmentSync {

    private SegmentSync() {
    }

    static SegmentChanges plan(List<SegmentSpec> file, List<NetworkSegment> stored) {
        Map<String, NetworkSegment> byName = byName(stored);
        List<String> added = new ArrayList<>();
        List<SegmentChange> changed = new ArrayList<>();
        Set<String> inFile = new HashSet<>();
        for (SegmentSpec spec : file) {
            inFile.add(spec.name());
            NetworkSegment existing = byName.get(spec.name());
            if (existing == null) {
                added.add(spec.name());
                continue;
            }
            List<FieldChange> changes = SegmentSpec.of(existing).changesTo(spec);
            if (!changes.isEmpty()) {
                changed.add(new SegmentChange(spec.name(), changes));
            }
        }
        List<String> removed = stored.stream().map(segment -> segment.name).filter(name -> !inFile.contains(name))
                .toList();
        return new SegmentChanges(added, removed, changed);
    }

    /** A changed network or gateway under a running machine would cut it off. */
    static List<String> blockers(SegmentChanges changes, List<InventorySystem> systems) {
        List<String> blockers = new ArrayList<>();
        for (SegmentChange change : changes.changed()) {
            List<String> fields = change.changes().stream().map(FieldChange::field)
                    .filter(field -> field.equals("cidr") || field.equals("gateway")).toList();
            if (fields.isEmpty()) {
                continue;
            }
            systems.stream().filter(system -> change.name().equals(system.segment) && system.hasMachine())
                    .forEach(system -> blockers.add("changing the " + String.join(" and ", fields) + " of segment "
                            + change.name() + ", which machine " + system.hostname + " of request "
                            + system.requestId + " (on " + system.name + ") uses"));
        }
        return blockers;
    }

    static void addAndChange(List<SegmentSpec> file, List<NetworkSegment> stored) {
        Map<String, NetworkSegment> byName = byName(stored);
        for (SegmentSpec spec : file) {
            NetworkSegment segment = byName.get(spec.name());
            if (segment == null) {
                segment = new NetworkSegment();
                copy(spec, segment);
                segment.persist();
            } else {
                copy(spec, segment);
            }
        }
    }

    static void removeUnlisted(SegmentChanges changes, List<NetworkSegment> stored) {
        Set<String> removed = Set.copyOf(changes.removed());
        stored.stream().filter(segment -> removed.contains(segment.name)).forEach(NetworkSegment::delete);
    }

    private static void copy(SegmentSpec spec, NetworkSegment segment) {
        segment.name = spec.name();
        segment.cidr = spec.cidr();
        segment.gateway = spec.gateway();
        segment.datacenter = spec.serves().datacenter();
        segment.racks = spec.serves().racks() == null ? List.of() : spec.serves().racks();
    }

    private static Map<String, NetworkSegment> byName(List<NetworkSegment> segments) {
        Map<String, NetworkSegment> byName = new LinkedHashMap<>();
        segments.forEach(segment -> byName.put(segment.name, segment));
        return byName;
    }
}
