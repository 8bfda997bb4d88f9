package org.relops.model.event;

/** Every machine of a request is ready. */
@EventType("request.fulfilled")
public record RequestFulfilled(String requestId) implements RelopsEvent {
}
