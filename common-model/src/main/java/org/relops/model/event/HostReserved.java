package org.relops.model.event;

import java.util.Map;

import org.relops.model.value.Location;
import org.relops.model.value.NetworkAttachment;

/**
 * A system was reserved for one machine of a request. Carries what imaging needs to provision it, so
 * that imaging never has to ask request-service or inventory-service: the system's network identity
 * ({@code network}: segment, MAC, fixed address) and the opaque per-provider part of its identity
 * ({@code providerIdentity}: e.g. {@code bmcAddress} and {@code secretRef} for bare metal,
 * {@code libvirtUri}, {@code instanceId} and {@code region}; secret references only, never secrets).
 * Version 2: {@code mac} moved into {@code network}.
 */
@EventType(value = "host.reserved", version = "2.0")
public record HostReserved(
        String requestId,
        String hostname,
        String systemName,
        String provider,
        NetworkAttachment network,
        Map<String, String> providerIdentity,
        Location location,
        String image,
        String imageVersion,
        String appEnvironment) implements RelopsEvent {

    public HostReserved {
        providerIdentity = providerIdentity == null ? Map.of() : Map.copyOf(providerIdentity);
    }

    /** The system's MAC address (its NIC on the segment). */
    public String mac() {
        return network == null ? null : network.mac();
    }
}
