package org.relops.model.event;

/** inventory-service could not place a request; nothing was reserved. */
@EventType("request.unplaceable")
public record RequestUnplaceable(String requestId, String reason) implements RelopsEvent {
}
