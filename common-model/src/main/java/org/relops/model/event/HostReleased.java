package org.relops.model.event;

/** inventory-service freed a system that a machine had reserved. */
@EventType("host.released")
public record HostReleased(String requestId, String hostname, String systemName) implements RelopsEvent {
}
