package org.relops.inventory;

import org.relops.inventory.file.SegmentSpec.Serves;

/**
 * A network segment as the API shows it, with how its addresses are used: {@code total} host
 * addresses, {@code reserved} (the gateway and those kept for infrastructure, never assigned),
 * {@code used} by systems, and {@code free} for IPAM to assign.
 */
public record SegmentView(String name, String cidr, String gateway, Serves serves, Addresses addresses) {

    /** How a segment's host addresses are used. */
    public record Addresses(long total, long reserved, long used, long free) {
    }
}
