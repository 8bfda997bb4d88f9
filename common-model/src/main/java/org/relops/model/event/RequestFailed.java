package org.relops.model.event;

/** A request cannot be fulfilled; the reason says why. */
@EventType("request.failed")
public record RequestFailed(String requestId, String reason) implements RelopsEvent {
}
