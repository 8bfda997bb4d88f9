package org.relops.inventory.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.relops.inventory.Nic;
import org.relops.inventory.Provider;
import org.relops.inventory.network.Ipv4Address;
import org.relops.inventory.network.Ipv4Network;
import org.relops.model.value.Location;

/**
 * Checks the systems' NICs one after another: a MAC of its own, the segment it is on (named, or the one
 * serving its rack), and an address of its own that is a host address of that segment. A system left
 * without a segment because the file drops the segment it is stored on is reported once per segment.
 */
final class NicValidator {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    private final Map<String, CheckedSegment> segments;
    private final StoredNetwork stored;
    private final List<String> problems;
    private final Map<String, String> macs = new HashMap<>();
    private final Map<Ipv4Address, String> addresses = new HashMap<>();
    private final Map<String, List<String>> stillOnRemovedSegment = new LinkedHashMap<>();

    NicValidator(Map<String, CheckedSegment> segments, StoredNetwork stored, List<String> problems) {
        this.segments = segments;
        this.stored = stored;
        this.problems = problems;
    }

    /**
     * The system's NIC with its MAC in lower case, its segment filled in and its address written the
     * usual way; {@code null} when it has none. Problems go to the list given at construction.
     */
    Nic check(SystemSpec system, Provider provider, String where) {
        Nic nic = system.nic();
        if (nic == null) {
            if (provider != null && provider.needsNic()) {
                problems.add(where + ": " + provider.aSystem() + " needs nic.mac (its boot NIC, like"
                        + " nic: {mac: \"52:54:00:12:34:56\"})");
            }
            return null;
        }
        String mac = mac(nic.mac(), provider, where);
        String segment = segment(system, where);
        String address = address(nic.address(), segment == null ? null : segments.get(segment), where);
        return new Nic(mac, segment, address);
    }

    /** Reports the segments the file drops while systems it keeps are still on them. */
    void finish() {
        stillOnRemovedSegment.forEach((segment, systems) -> {
            boolean one = systems.size() == 1;
            String cidr = stored.cidrOfSegment().get(segment);
            problems.add("segment " + segment + (cidr == null ? "" : " (" + cidr + ")") + " is removed from segments,"
                    + " but " + String.join(", ", systems) + (one ? " is" : " are") + " still on it: keep the segment,"
                    + " or move " + (one ? "that system" : "those systems") + " to another segment (nic.segment) or"
                    + " remove " + (one ? "it" : "them") + " in the same file");
        });
    }

    private String mac(String mac, Provider provider, String where) {
        if (mac == null || mac.isBlank()) {
            problems.add(where + ": " + (provider == null ? "a system" : provider.aSystem()) + " needs nic.mac"
                    + " (six hex pairs like 52:54:00:12:34:56)");
            return null;
        }
        String normalised = mac.toLowerCase(Locale.ROOT);
        if (!MAC.matcher(normalised).matches()) {
            problems.add(where + ": nic.mac '" + mac + "' is not a MAC address; write six hex pairs like"
                    + " 52:54:00:12:34:56");
            return normalised;
        }
        String other = macs.putIfAbsent(normalised, where);
        if (other != null) {
            problems.add(where + ": nic.mac " + normalised + " is already used by " + other
                    + "; every NIC needs a MAC of its own");
        }
        return normalised;
    }

    private String segment(SystemSpec system, String where) {
        String named = system.nic().segment();
        Location location = system.location();
        if (named != null) {
            CheckedSegment segment = segments.get(named);
            if (segment == null) {
                if (!isOnRemovedSegment(system, named)) {
                    problems.add(where + ": nic.segment '" + named + "' is not a segment of this file; "
                            + (segments.isEmpty() ? "the file declares no segments" : "one of "
                                    + String.join(", ", segments.keySet())));
                }
                return null;
            }
            if (segment.serves() != null && location != null && location.datacenter() != null
                    && !segment.serves().datacenter().equals(location.datacenter())) {
                problems.add(where + ": nic.segment '" + named + "' serves datacenter " + segment.serves().datacenter()
                        + ", not this system's datacenter " + location.datacenter()
                        + "; a NIC can only be on a segment of its own datacenter");
            }
            return named;
        }
        if (location == null || location.datacenter() == null || location.rack() == null) {
            return null;
        }
        List<String> serving = new ArrayList<>();
        segments.values().stream().filter(segment -> segment.serves() != null && segment.serves().serves(location))
                .forEach(segment -> serving.add(segment.name()));
        if (serving.size() == 1) {
            return serving.get(0);
        }
        if (serving.isEmpty()) {
            if (!isOnRemovedSegment(system, stored.segmentOf(system.name()))) {
                problems.add(where + ": no segment serves its rack " + location.rack() + " in " + location.datacenter()
                        + "; add the rack to a segment's serves.racks, or name a segment in nic.segment");
            }
            return null;
        }
        problems.add(where + ": segments " + String.join(" and ", serving) + (serving.size() == 2 ? " both" : " all")
                + " serve its rack " + location.rack()
                + " in " + location.datacenter() + "; name the one it is on in nic.segment");
        return null;
    }

    /** Whether the system is stored on {@code segment} and the file drops that segment; if so, notes it. */
    private boolean isOnRemovedSegment(SystemSpec system, String segment) {
        if (segment == null || segments.containsKey(segment) || !segment.equals(stored.segmentOf(system.name()))) {
            return false;
        }
        stillOnRemovedSegment.computeIfAbsent(segment, name -> new ArrayList<>()).add(system.name());
        return true;
    }

    private String address(String text, CheckedSegment segment, String where) {
        if (text == null) {
            return null;
        }
        Optional<Ipv4Address> parsed = Ipv4Address.parse(text);
        if (parsed.isEmpty()) {
            problems.add(where + ": nic.address '" + text + "' is not an IPv4 address (like 10.10.1.20);"
                    + " leave it out to have IPAM assign one");
            return text;
        }
        Ipv4Address address = parsed.get();
        if (segment != null && segment.network() != null) {
            String misfit = misfit(address, segment);
            if (misfit != null) {
                problems.add(where + ": nic.address " + address + " " + misfit + "; use a host address of "
                        + segment.network() + " (" + segment.network().hostRange() + ") other than the gateway,"
                        + " or leave it out to have IPAM assign one");
            }
        }
        String other = addresses.putIfAbsent(address, where);
        if (other != null) {
            problems.add(where + ": nic.address " + address + " is already used by " + other
                    + "; every system needs an address of its own");
        }
        return address.toString();
    }

    /** What is wrong with an address on a segment; {@code null} when nothing is. */
    private static String misfit(Ipv4Address address, CheckedSegment segment) {
        Ipv4Network network = segment.network();
        String of = " of segment " + segment.describe();
        if (!network.contains(address)) {
            return "is outside its segment " + segment.describe();
        }
        if (address.equals(network.network())) {
            return "is the network address" + of;
        }
        if (address.equals(network.broadcast())) {
            return "is the broadcast address" + of;
        }
        if (address.equals(segment.gateway())) {
            return "is the gateway" + of;
        }
        return null;
    }
}
