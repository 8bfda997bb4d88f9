package org.relops.inventory.file;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.relops.inventory.file.SegmentSpec.Serves;
import org.relops.inventory.network.Ipv4Address;
import org.relops.inventory.network.Ipv4Network;
import org.relops.model.value.Hostname;

/**
 * Checks the file's network segments: unique names, a CIDR and a gateway that are what they claim to
 * be, a datacenter (and racks) served, and no two segments sharing an address.
 */
final class SegmentValidator {

    private SegmentValidator() {
    }

    /** The segments by name, as far as they checked out; every problem found goes to {@code problems}. */
    static Map<String, CheckedSegment> check(List<SegmentSpec> segments, List<String> problems) {
        Map<String, CheckedSegment> byName = new LinkedHashMap<>();
        List<String> places = new ArrayList<>();
        List<Ipv4Network> networks = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            SegmentSpec segment = segments.get(i);
            String where = "segments[" + i + "]" + (segment.name() == null ? "" : " (" + segment.name() + ")");
            checkName(segment.name(), byName, where, problems);
            Ipv4Network network = network(segment.cidr(), where, problems);
            Ipv4Address gateway = gateway(segment.gateway(), network, where, problems);
            Serves serves = serves(segment.serves(), where, problems);
            if (network != null) {
                for (int other = 0; other < networks.size(); other++) {
                    if (networks.get(other).overlaps(network)) {
                        problems.add(where + ": cidr " + network + " overlaps " + places.get(other) + " "
                                + networks.get(other) + "; segments must not share addresses");
                    }
                }
                places.add(where);
                networks.add(network);
            }
            if (segment.name() != null) {
                byName.putIfAbsent(segment.name(), new CheckedSegment(segment.name(), network, gateway, serves));
            }
        }
        return byName;
    }

    private static void checkName(String name, Map<String, CheckedSegment> seen, String where, List<String> problems) {
        if (name == null || !Hostname.isValid(name) || !name.equals(name.toLowerCase(Locale.ROOT))) {
            problems.add(where + ": name must be a lower-case DNS label");
        } else if (seen.containsKey(name)) {
            problems.add(where + ": name is used twice");
        }
    }

    private static Ipv4Network network(String cidr, String where, List<String> problems) {
        if (cidr == null || cidr.isBlank()) {
            problems.add(where + ": cidr is missing; write the segment's network like 10.10.1.0/24");
            return null;
        }
        Ipv4Network.Parsed parsed = Ipv4Network.parse(cidr);
        if (parsed.network() == null) {
            problems.add(where + ": cidr '" + cidr + "' " + parsed.problem());
        }
        return parsed.network();
    }

    private static Ipv4Address gateway(String text, Ipv4Network network, String where, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(where + ": gateway is missing; write the address of the segment's router, like 10.10.1.1");
            return null;
        }
        Optional<Ipv4Address> gateway = Ipv4Address.parse(text);
        if (gateway.isEmpty()) {
            problems.add(where + ": gateway '" + text + "' is not an IPv4 address (like 10.10.1.1)");
            return null;
        }
        if (network == null) {
            return gateway.get();
        }
        String allowed = "; it must be a host address of the segment (" + network.hostRange() + ")";
        if (!network.contains(gateway.get())) {
            problems.add(where + ": gateway " + gateway.get() + " is outside " + network + allowed);
            return null;
        }
        if (!network.isHost(gateway.get())) {
            String which = gateway.get().equals(network.network()) ? "network" : "broadcast";
            problems.add(where + ": gateway " + gateway.get() + " is the " + which + " address of " + network
                    + allowed);
            return null;
        }
        return gateway.get();
    }

    private static Serves serves(Serves serves, String where, List<String> problems) {
        if (serves == null || serves.datacenter() == null || serves.datacenter().isBlank()) {
            problems.add(where + ": serves needs a datacenter, like serves: {datacenter: scl3, racks: [r1-a]}"
                    + " (without racks: every rack of the datacenter)");
            return null;
        }
        if (serves.racks() == null) {
            return serves;
        }
        if (serves.racks().isEmpty()) {
            problems.add(where + ": serves.racks is empty; list the racks it serves, or leave racks out to serve"
                    + " every rack of " + serves.datacenter());
            return null;
        }
        Set<String> racks = new HashSet<>();
        boolean valid = true;
        for (String rack : serves.racks()) {
            if (rack == null || rack.isBlank()) {
                problems.add(where + ": serves.racks holds an empty rack name");
                valid = false;
            } else if (!racks.add(rack)) {
                problems.add(where + ": serves.racks lists rack " + rack + " twice");
                valid = false;
            }
        }
        return valid ? serves : null;
    }
}
