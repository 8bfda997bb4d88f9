package org.relops.model.event;

/** A machine is to be taken down: released, removed from DNS, destroyed, its system freed. */
@EventType("machine.decommission.requested")
public record DecommissionRequested(String requestId, String hostname, String systemName, boolean wipeVolumes)
        implements RelopsEvent {
}
