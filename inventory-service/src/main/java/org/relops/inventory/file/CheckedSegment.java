package org.relops.inventory.file;

import org.relops.inventory.file.SegmentSpec.Serves;
import org.relops.inventory.network.Ipv4Address;
import org.relops.inventory.network.Ipv4Network;

/**
 * A segment of the file as far as it checked out: {@code network}, {@code gateway} and {@code serves}
 * are {@code null} where the file got them wrong (that problem is already reported).
 */
record CheckedSegment(String name, Ipv4Network network, Ipv4Address gateway, Serves serves) {

    String describe() {
        return name + (network == null ? "" : " (" + network + ")");
    }
}
