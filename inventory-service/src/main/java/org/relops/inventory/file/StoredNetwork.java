package org.relops.inventory.file;

import java.util.Map;

import org.relops.inventory.Nic;

/**
 * What the inventory already holds of the network when a file is checked against it: each stored
 * system's NIC (by system name) and each stored segment's CIDR (by segment name). A file checked on its
 * own is checked against {@link #NONE}.
 */
public record StoredNetwork(Map<String, Nic> nicOfSystem, Map<String, String> cidrOfSegment) {

    public static final StoredNetwork NONE = new StoredNetwork(Map.of(), Map.of());

    public StoredNetwork {
        nicOfSystem = Map.copyOf(nicOfSystem);
        cidrOfSegment = Map.copyOf(cidrOfSegment);
    }

    /** The segment a stored system is on; {@code null} when it is not stored or has none. */
    String segmentOf(String systemName) {
        Nic nic = nicOfSystem.get(systemName);
        return nic == null ? null : nic.segment();
    }
}
