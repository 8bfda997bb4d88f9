package org.relops.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A system's boot NIC: its MAC, the network segment it is on and its fixed address there. In the
 * inventory file {@code segment} and {@code address} may be left out: the segment is then the one
 * serving the system's rack, and IPAM assigns the address.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "mac", "segment", "address" })
public record Nic(String mac, String segment, String address) {

    public Nic withSegment(String segment) {
        return new Nic(mac, segment, address);
    }

    public Nic withAddress(String address) {
        return new Nic(mac, segment, address);
    }
}
