package org.relops.model.event;

/** A machine is booted, in DNS and (for buildbot slaves) allocated to a master. */
@EventType("machine.ready")
public record MachineReady(String requestId, String hostname, String address, String master)
        implements RelopsEvent {
}
