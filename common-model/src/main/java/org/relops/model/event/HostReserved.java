package org.relops.model.event;

import org.relops.model.value.Location;

/**
 * A system was reserved for one machine of a request. Carries what imaging needs to provision it,
 * so that imaging never has to ask request-service.
 */
@EventType("host.reserved")
public record HostReserved(
        String requestId,
        String hostname,
        String systemName,
        String provider,
        String mac,
        Location location,
        String image,
        String imageVersion,
        String appEnvironment) implements RelopsEvent {
}
