package org.relops.inventory.file;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.relops.inventory.Nic;
import org.relops.inventory.network.AddressPool;
import org.relops.inventory.network.Ipv4Address;
import org.relops.inventory.network.Ipv4Network;

/**
 * IPAM for a checked inventory file: gives every NIC without an address one of its segment's. An address
 * the file gives stays; a stored system still on the same segment keeps the address it has (unless the
 * file gives it to another system); every other NIC, in file order, gets the lowest free address IPAM
 * may hand out (see {@link AddressPool}). The same file against the same inventory always gets the same
 * addresses.
 */
public final class Ipam {

    private Ipam() {
    }

    /** An address IPAM gave a system in this import (one it did not have before). */
    public record Assigned(String system, String segment, String address) {
    }

    /** The file with every NIC's address filled in, and which addresses were newly given. */
    public record Result(InventoryFile file, List<Assigned> assigned) {
    }

    /** The pool of a checked segment, before any system uses it. */
    public static AddressPool pool(SegmentSpec segment, int reservedHostAddresses) {
        return new AddressPool(Ipv4Network.parse(segment.cidr()).network(), address(segment.gateway()),
                reservedHostAddresses);
    }

    /** Throws {@link InvalidInventoryFileException} when a segment has no free address left for a system. */
    public static Result assign(InventoryFile file, StoredNetwork stored, int reservedHostAddresses) {
        Map<String, AddressPool> pools = new LinkedHashMap<>();
        file.segments().forEach(segment -> pools.put(segment.name(), pool(segment, reservedHostAddresses)));
        Map<String, String> addresses = new LinkedHashMap<>();
        for (SystemSpec system : file.systems()) {
            Nic nic = system.nic();
            if (nic != null && nic.segment() != null && nic.address() != null) {
                pools.get(nic.segment()).claim(address(nic.address()));
                addresses.put(system.name(), nic.address());
            }
        }
        for (SystemSpec system : file.systems()) {
            keptAddress(system, stored, pools).ifPresent(kept -> addresses.put(system.name(), kept.toString()));
        }
        List<Assigned> assigned = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < file.systems().size(); i++) {
            SystemSpec system = file.systems().get(i);
            Nic nic = system.nic();
            if (nic == null || nic.segment() == null || addresses.containsKey(system.name())) {
                continue;
            }
            Optional<Ipv4Address> free = pools.get(nic.segment()).takeLowestFree();
            if (free.isPresent()) {
                addresses.put(system.name(), free.get().toString());
                assigned.add(new Assigned(system.name(), nic.segment(), free.get().toString()));
            } else {
                problems.add("systems[" + i + "] (" + system.name() + "): segment " + nic.segment() + " ("
                        + segmentCidr(file, nic.segment()) + ") has no free address left (IPAM skips the gateway and"
                        + " the first " + reservedHostAddresses + " host addresses); give the segment a larger cidr"
                        + " or the system an address in nic.address");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInventoryFileException(problems);
        }
        List<SystemSpec> systems = file.systems().stream().map(system -> system.nic() == null ? system
                : system.withNic(system.nic().withAddress(addresses.get(system.name())))).toList();
        return new Result(new InventoryFile(file.segments(), systems), assigned);
    }

    /** The address a stored system keeps: still on the same segment, still fitting it, not given to another. */
    private static Optional<Ipv4Address> keptAddress(SystemSpec system, StoredNetwork stored,
            Map<String, AddressPool> pools) {
        Nic nic = system.nic();
        Nic before = stored.nicOfSystem().get(system.name());
        if (nic == null || nic.segment() == null || nic.address() != null || before == null
                || before.address() == null || !nic.segment().equals(before.segment())) {
            return Optional.empty();
        }
        AddressPool pool = pools.get(nic.segment());
        return Ipv4Address.parse(before.address()).filter(pool::fits).filter(pool::claim);
    }

    private static String segmentCidr(InventoryFile file, String name) {
        return file.segments().stream().filter(segment -> segment.name().equals(name)).map(SegmentSpec::cidr)
                .findFirst().orElse("?");
    }

    private static Ipv4Address address(String text) {
        return Ipv4Address.parse(text).orElseThrow(() -> new IllegalArgumentException("not checked: " + text));
    }
}
