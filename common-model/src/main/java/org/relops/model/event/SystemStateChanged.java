package org.relops.model.event;

/**
 * inventory-service moved a system from one lifecycle state to another (free, reserved,
 * provisioning, ready, reimaging, failed, quarantined, decommissioning, retired). {@code from} is
 * {@code null} when the system was registered, {@code to} when it was removed from the inventory.
 * {@code requestId} and {@code hostname} name the machine on the system, if any.
 */
@EventType("system.state.changed")
public record SystemStateChanged(
        String requestId,
        String hostname,
        String systemName,
        String from,
        String to,
        String actor,
        String reason) implements RelopsEvent {
}
