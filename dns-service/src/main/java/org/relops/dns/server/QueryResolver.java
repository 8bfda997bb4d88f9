package org.relops.dns.server;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.relops.dns.server.ServedZones.Catalogue;
import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one question from the served zones, as an authoritative server does: the records asked for,
 * CNAMEs followed through the zones served here, NXDOMAIN or NODATA with the SOA for what the zone does
 * not have, and REFUSED for names in none of them. Answers are minimal (no authority or additional data
 * with positive answers).
 */
final class QueryResolver {

    /** CNAMEs followed in one answer before giving up (a loop, or a very long chain). */
    private static final int MAX_CHAIN = 8;

    private QueryResolver() {
    }

    static void resolve(Catalogue zones, Name qname, int qtype, Message response) {
        Optional<ZoneSnapshot> first = zones.zoneFor(qname);
        if (first.isEmpty()) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        response.getHeader().setFlag(Flags.AA);
        ZoneSnapshot zone = first.get();
        Name name = qname;
        Set<Name> visited = new HashSet<>();
        for (int hop = 0; hop <= MAX_CHAIN && visited.add(name); hop++) {
            if (answer(zone, name, qtype, response)) {
                return;
            }
            List<Record> cname = zone.rrset(name, Type.CNAME);
            if (cname.isEmpty() || qtype == Type.CNAME) {
                response.getHeader().setRcode(zone.exists(name) ? Rcode.NOERROR : Rcode.NXDOMAIN);
                response.addRecord(zone.negativeSoa(), Section.AUTHORITY);
                return;
            }
            response.addRecord(cname.get(0), Section.ANSWER);
            name = ((CNAMERecord) cname.get(0)).getTarget();
            Optional<ZoneSnapshot> next = zones.zoneFor(name);
            if (next.isEmpty()) {
                return;
            }
            zone = next.get();
        }
    }

    /** Adds the records asked for at this name; false if it has none (of that type, or at all for ANY). */
    private static boolean answer(ZoneSnapshot zone, Name name, int qtype, Message response) {
        if (qtype != Type.ANY) {
            List<Record> rrset = zone.rrset(name, qtype);
            rrset.forEach(record -> response.addRecord(record, Section.ANSWER));
            return !rrset.isEmpty();
        }
        Map<Integer, List<Record>> node = zone.node(name);
        boolean apex = name.equals(zone.origin());
        if (apex) {
            response.addRecord(zone.soa(), Section.ANSWER);
        }
        node.values().forEach(rrset -> rrset.forEach(record -> response.addRecord(record, Section.ANSWER)));
        return apex || !node.isEmpty();
    }
}
