package org.relops.model.event;

/** imaging-service destroyed (or powered off) a machine; its system can be freed. */
@EventType("machine.destroyed")
public record MachineDestroyed(String requestId, String hostname, String systemName, boolean volumesWiped)
        implements RelopsEvent {
}
