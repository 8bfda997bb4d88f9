package org.relops.dns.zone;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One version of a zone, immutable: what the DNS server answers from. A change builds a new snapshot
 * and swaps it in whole, so a lookup never sees half a change and never takes a lock.
 */
public final class ZoneSnapshot {

    private static final Comparator<Record> ZONE_ORDER = Comparator
            .comparing((Record record) -> record.getName())
            .thenComparingInt(Record::getType)
            .thenComparing(Record::rdataToString);

    private final Name origin;
    private final SOARecord soa;
    private final SOARecord negativeSoa;
    private final Map<Name, Map<Integer, List<Record>>> nodes;
    private final Set<Name> names;
    private final List<Record> records;

    private ZoneSnapshot(SOARecord soa, Map<Name, Map<Integer, List<Record>>> nodes, Set<Name> names,
            List<Record> records) {
        this.origin = soa.getName();
        this.soa = soa;
        this.negativeSoa = withTtl(soa, Math.min(soa.getTTL(), soa.getMinimum()));
        this.nodes = nodes;
        this.names = names;
        this.records = records;
    }

    /**
     * A zone from its SOA and its other records. Records outside the zone, and other SOA records, are
     * left out; the TTLs of an RRset are made equal (the smallest wins, RFC 2181 5.2).
     */
    public static ZoneSnapshot of(SOARecord soa, Collection<Record> records) {
        Name origin = soa.getName();
        Map<Name, Map<Integer, List<Record>>> building = new HashMap<>();
        for (Record record : records) {
            if (record.getType() == Type.SOA || !record.getName().subdomain(origin)
                    || record.getDClass() != DClass.IN) {
                continue;
            }
            List<Record> rrset = building.computeIfAbsent(record.getName(), name -> new LinkedHashMap<>())
                    .computeIfAbsent(record.getType(), type -> new ArrayList<>());
            if (!rrset.contains(record)) {
                rrset.add(record);
            }
        }
        Map<Name, Map<Integer, List<Record>>> nodes = new HashMap<>();
        Set<Name> names = new HashSet<>();
        List<Record> all = new ArrayList<>();
        building.forEach((name, types) -> {
            Map<Integer, List<Record>> node = new LinkedHashMap<>();
            types.forEach((type, rrset) -> {
                List<Record> equalTtls = Collections.unmodifiableList(withSmallestTtl(rrset));
                node.put(type, equalTtls);
                all.addAll(equalTtls);
            });
            nodes.put(name, Collections.unmodifiableMap(node));
            for (Name ancestor = name; ancestor.labels() >= origin.labels(); ancestor = new Name(ancestor, 1)) {
                names.add(ancestor);
                if (ancestor.equals(origin)) {
                    break;
                }
            }
        });
        names.add(origin);
        all.sort(apexFirst(origin));
        all.add(0, soa);
        return new ZoneSnapshot(soa, nodes, names, Collections.unmodifiableList(all));
    }

    public Name origin() {
        return origin;
    }

    public long serial() {
        return soa.getSerial();
    }

    public SOARecord soa() {
        return soa;
    }

    /** The SOA to put in a negative answer: its TTL is the negative-caching time (RFC 2308). */
    public SOARecord negativeSoa() {
        return negativeSoa;
    }

    /** The SOA as it was (or will be) at another serial. */
    public SOARecord soaAt(long serial) {
        return new SOARecord(origin, DClass.IN, soa.getTTL(), soa.getHost(), soa.getAdmin(), serial,
                soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
    }

    /** Every record, the SOA first, then the apex, then the rest in name order: a zone transfer's order. */
    public List<Record> records() {
        return records;
    }

    /** The records of one type at a name; empty if there are none. SOA included. */
    public List<Record> rrset(Name name, int type) {
        if (type == Type.SOA) {
            return name.equals(origin) ? List.of(soa) : List.of();
        }
        Map<Integer, List<Record>> node = nodes.get(name);
        if (node == null) {
            return List.of();
        }
        return node.getOrDefault(type, List.of());
    }

    /** Every RRset at a name (besides the SOA), by type; empty if the name has none. */
    public Map<Integer, List<Record>> node(Name name) {
        return nodes.getOrDefault(name, Map.of());
    }

    /** Whether the name exists in the zone: it owns records, or names below it do (an empty non-terminal). */
    public boolean exists(Name name) {
        return names.contains(name);
    }

    private static SOARecord withTtl(SOARecord soa, long ttl) {
        return new SOARecord(soa.getName(), DClass.IN, ttl, soa.getHost(), soa.getAdmin(), soa.getSerial(),
                soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
    }

    private static List<Record> withSmallestTtl(List<Record> rrset) {
        long smallest = rrset.stream().mapToLong(Record::getTTL).min().orElse(0);
        if (rrset.stream().allMatch(record -> record.getTTL() == smallest)) {
            return new ArrayList<>(rrset);
        }
        List<Record> equal = new ArrayList<>();
        for (Record record : rrset) {
            RecordData data = RecordData.of(record);
            equal.add(new RecordData(data.name(), data.type(), (int) smallest, data.data()).toRecord());
        }
        return equal;
    }

    private static Comparator<Record> apexFirst(Name origin) {
        return Comparator.comparing((Record record) -> !record.getName().equals(origin))
                .thenComparing((Record record) -> record.getType() != Type.NS)
                .thenComparing(ZONE_ORDER);
    }
}
