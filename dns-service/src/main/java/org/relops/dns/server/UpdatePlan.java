package org.relops.dns.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Works out what an RFC 2136 update does to a zone: checks its prerequisites (section 3.2) and its
 * update section (3.4.1) against the zone as it is, then applies the updates in order (3.4.2) to a copy
 * and returns the records added and removed. The SOA and the apex NS records are the server's own: updates
 * to them are ignored, as are additions that would put a CNAME beside other data.
 */
public final class UpdatePlan {

    private final Name origin;
    private final Map<Name, Map<Integer, Set<Record>>> records = new LinkedHashMap<>();

    private UpdatePlan(ZoneSnapshot zone) {
        this.origin = zone.origin();
        for (Record record : zone.records()) {
            if (record.getType() != Type.SOA) {
                rrset(record.getName(), record.getType()).add(record);
            }
        }
    }

    /** The change the update makes; {@link UpdateRefusedException} with its response code if it must not. */
    public static Change plan(Message update, ZoneSnapshot zone) throws UpdateRefusedException {
        UpdatePlan plan = new UpdatePlan(zone);
        plan.checkPrerequisites(update.getSection(Section.PREREQ));
        List<Record> updates = update.getSection(Section.UPDATE);
        plan.prescan(updates);
        UpdatePlan before = new UpdatePlan(zone);
        for (Record record : updates) {
            plan.apply(record);
        }
        return new Change(plan.minus(before), before.minus(plan));
    }

    private void checkPrerequisites(List<Record> prerequisites) throws UpdateRefusedException {
        Map<Name, Map<Integer, Set<Record>>> expected = new LinkedHashMap<>();
        for (Record record : prerequisites) {
            if (record.getTTL() != 0) {
                throw new UpdateRefusedException(Rcode.FORMERR, "prerequisite with a TTL");
            }
            requireInZone(record);
            boolean empty = hasNoData(record);
            int type = record.getType();
            if (record.getDClass() == DClass.ANY) {
                requireEmpty(empty);
                if (type == Type.ANY ? !inUse(record.getName()) : rrsetOf(record.getName(), type).isEmpty()) {
                    throw new UpdateRefusedException(type == Type.ANY ? Rcode.NXDOMAIN : Rcode.NXRRSET,
                            record.getName() + " " + Type.string(type) + " does not exist");
                }
            } else if (record.getDClass() == DClass.NONE) {
                requireEmpty(empty);
                if (type == Type.ANY ? inUse(record.getName()) : !rrsetOf(record.getName(), type).isEmpty()) {
                    throw new UpdateRefusedException(type == Type.ANY ? Rcode.YXDOMAIN : Rcode.YXRRSET,
                            record.getName() + " " + Type.string(type) + " exists");
                }
            } else if (record.getDClass() == DClass.IN && !empty) {
                expected.computeIfAbsent(record.getName(), name -> new LinkedHashMap<>())
                        .computeIfAbsent(type, t -> new LinkedHashSet<>()).add(record);
            } else {
                throw new UpdateRefusedException(Rcode.FORMERR, "prerequisite of class " + DClass.string(record.getDClass()));
            }
        }
        for (var byName : expected.entrySet()) {
            for (var byType : byName.getValue().entrySet()) {
                if (!Objects.equals(byType.getValue(), rrsetOf(byName.getKey(), byType.getKey()))) {
                    throw new UpdateRefusedException(Rcode.NXRRSET, byName.getKey() + " "
                            + Type.string(byType.getKey()) + " is not as the prerequisite says");
                }
            }
        }
    }

    private void prescan(List<Record> updates) throws UpdateRefusedException {
        for (Record record : updates) {
            requireInZone(record);
            int type = record.getType();
            boolean meta = type == Type.AXFR || type == Type.IXFR || type == Type.MAILA || type == Type.MAILB;
            boolean empty = hasNoData(record);
            boolean valid = switch (record.getDClass()) {
                case DClass.IN -> !meta && type != Type.ANY && !empty;
                case DClass.ANY -> !meta && record.getTTL() == 0 && empty;
                case DClass.NONE -> !meta && type != Type.ANY && record.getTTL() == 0 && !empty;
                default -> false;
            };
            if (!valid) {
                throw new UpdateRefusedException(Rcode.FORMERR, "malformed update record " + record);
            }
        }
    }

    private void apply(Record record) {
        Name name = record.getName();
        int type = record.getType();
        boolean serversOwn = type == Type.SOA || (type == Type.NS && name.equals(origin));
        switch (record.getDClass()) {
            case DClass.IN -> {
                boolean hasCname = !rrsetOf(name, Type.CNAME).isEmpty();
                boolean hasOther = node(name).entrySet().stream()
                        .anyMatch(entry -> entry.getKey() != Type.CNAME && !entry.getValue().isEmpty());
                if (!serversOwn && !(type == Type.CNAME ? hasOther : hasCname)) {
                    if (type == Type.CNAME) {
                        rrset(name, type).clear();
                    }
                    rrset(name, type).add(record);
                }
            }
            case DClass.ANY -> {
                if (type == Type.ANY) {
                    node(name).forEach((rrType, rrset) -> {
                        if (!name.equals(origin) || (rrType != Type.NS && rrType != Type.SOA)) {
                            rrset.clear();
                        }
                    });
                } else if (!serversOwn) {
                    rrset(name, type).clear();
                }
            }
            case DClass.NONE -> {
                if (!serversOwn) {
                    rrset(name, type).remove(Record.newRecord(name, type, DClass.IN, 0, record.rdataToWireCanonical()));
                }
            }
            default -> throw new IllegalStateException("prescan let through class " + record.getDClass());
        }
    }

    private List<Record> minus(UpdatePlan other) {
        List<Record> difference = new ArrayList<>();
        records.forEach((name, types) -> types.forEach((type, rrset) -> rrset.stream()
                .filter(record -> !other.rrsetOf(name, type).contains(record))
                .forEach(difference::add)));
        return difference;
    }

    private void requireInZone(Record record) throws UpdateRefusedException {
        if (!record.getName().subdomain(origin)) {
            throw new UpdateRefusedException(Rcode.NOTZONE, record.getName() + " is not in zone " + origin);
        }
    }

    /** RDLENGTH 0: how an update says "any value" or "delete all". */
    private static boolean hasNoData(Record record) {
        return record.rdataToWireCanonical().length == 0;
    }

    private static void requireEmpty(boolean empty) throws UpdateRefusedException {
        if (!empty) {
            throw new UpdateRefusedException(Rcode.FORMERR, "prerequisite of class ANY or NONE with data");
        }
    }

    private boolean inUse(Name name) {
        return name.equals(origin) || node(name).values().stream().anyMatch(rrset -> !rrset.isEmpty());
    }

    private Map<Integer, Set<Record>> node(Name name) {
        return records.getOrDefault(name, Map.of());
    }

    private Set<Record> rrsetOf(Name name, int type) {
        return node(name).getOrDefault(type, Set.of());
    }

    private Set<Record> rrset(Name name, int type) {
        return records.computeIfAbsent(name, n -> new LinkedHashMap<>()).computeIfAbsent(type, t -> new LinkedHashSet<>());
    }

    /** Records an update adds to and removes from a zone. */
    public record Change(List<Record> added, List<Record> removed) {

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }
}
