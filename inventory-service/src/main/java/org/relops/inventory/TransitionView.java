package org.relops.inventory;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of a system's history as the API shows it; {@code from} is absent for its registration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransitionView(
        SystemState from,
        SystemState to,
        OffsetDateTime at,
        String actor,
        String reason,
        String requestId,
        String hostname,
        String causeEventId) {

    public static TransitionView of(SystemTransition transition) {
        return new TransitionView(transition.from, transition.to, transition.at, transition.actor, transition.reason,
                transition.requestId, transition.hostname, transition.causeEventId);
    }
}
