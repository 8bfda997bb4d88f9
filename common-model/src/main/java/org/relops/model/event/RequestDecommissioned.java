package org.relops.model.event;

/** Every machine of a request is decommissioned. */
@EventType("request.decommissioned")
public record RequestDecommissioned(String requestId) implements RelopsEvent {
}
