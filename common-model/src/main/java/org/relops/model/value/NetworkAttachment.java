package org.relops.model.value;

/**
 * A system's place on its RelOps environment's network, as inventory-service owns it: the segment its
 * NIC is on (name, CIDR, gateway) and the NIC's MAC and fixed address there. Every other service takes
 * a machine's address from here and never invents one.
 */
public record NetworkAttachment(String segment, String cidr, String gateway, String mac, String address) {
}
