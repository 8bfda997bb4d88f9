package org.relops.model.event;

/**
 * A provisioning command from the intake queue was refused; the reason says why. Lets a publisher
 * that chose a request id learn what happened to it.
 */
@EventType("request.rejected")
public record RequestRejected(String requestId, String reason) implements RelopsEvent {
}
