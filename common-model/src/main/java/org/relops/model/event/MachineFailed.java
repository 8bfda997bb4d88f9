package org.relops.model.event;

/** A machine could not be provisioned, or died; the reason says why. */
@EventType("machine.failed")
public record MachineFailed(String requestId, String hostname, String systemName, String reason)
        implements RelopsEvent {
}
