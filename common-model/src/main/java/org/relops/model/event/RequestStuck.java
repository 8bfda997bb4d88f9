package org.relops.model.event;

import java.time.OffsetDateTime;

/** A request has been in one state longer than its deadline; step says what it is waiting for. */
@EventType("request.stuck")
public record RequestStuck(String requestId, String state, OffsetDateTime since, String step) implements RelopsEvent {
}
