package org.relops.model.event;

/**
 * An image version failed to boot too many times in a row; automatic replacement of its machines
 * stops until an operator clears it. Loud on purpose: one broken image must not burn through a pool.
 */
@EventType("image.version.suspect")
public record ImageVersionSuspect(String requestId, String image, String imageVersion, int consecutiveFailures,
        String lastReason) implements RelopsEvent {
}
