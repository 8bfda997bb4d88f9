package org.relops.inventory.network;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses of one segment as IPAM sees them. IPAM hands out host addresses only, never the gateway
 * and never the first {@code reservedHostAddresses} host addresses (kept for infrastructure: switches,
 * DHCP and DNS servers); it always takes the lowest free one, so the same inventory always gets the
 * same addresses.
 */
public final class AddressPool {

    private final Ipv4Network network;
    private final Ipv4Address gateway;
    private final Ipv4Address firstAssignable;
    private final Set<Ipv4Address> used = new HashSet<>();
    private Ipv4Address cursor;

    public AddressPool(Ipv4Network network, Ipv4Address gateway, int reservedHostAddresses) {
        if (reservedHostAddresses < 0) {
            throw new IllegalArgumentException("reserved host addresses cannot be negative: " + reservedHostAddresses);
        }
        this.network = network;
        this.gateway = gateway;
        this.firstAssignable = network.firstHost().plus(Math.min(reservedHostAddresses, network.hostCount()));
        this.cursor = firstAssignable;
    }

    /** Whether a system may have the address: a host address of the segment other than its gateway. */
    public boolean fits(Ipv4Address address) {
        return network.isHost(address) && !address.equals(gateway);
    }

    /** Marks an address as in use (a system holds it); {@code false} when it already was. */
    public boolean claim(Ipv4Address address) {
        return used.add(address);
    }

    public boolean isUsed(Ipv4Address address) {
        return used.contains(address);
    }

    /** Takes the lowest address IPAM may hand out that nothing uses; empty when none is left. */
    public Optional<Ipv4Address> takeLowestFree() {
        while (cursor.compareTo(network.lastHost()) <= 0) {
            Ipv4Address candidate = cursor;
            cursor = cursor.plus(1);
            if (!candidate.equals(gateway) && used.add(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** How many host addresses IPAM never hands out: the reserved ones and the gateway. */
    public long reserved() {
        long reservedHosts = firstAssignable.value() - network.firstHost().value();
        return isAssignable(gateway) ? reservedHosts + 1 : reservedHosts;
    }

    /** How many addresses are in use, wherever in the segment they are. */
    public long used() {
        return used.size();
    }

    /** How many addresses IPAM could still hand out. */
    public long free() {
        long inUse = used.stream().filter(this::isAssignable).count();
        return network.hostCount() - reserved() - inUse;
    }

    private boolean isAssignable(Ipv4Address address) {
        return network.isHost(address) && address.compareTo(firstAssignable) >= 0;
    }
}
