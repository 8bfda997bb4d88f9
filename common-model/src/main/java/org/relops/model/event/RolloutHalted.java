package org.relops.model.event;

import java.util.List;

/** A machine of a rollout's first wave failed: the rest of the pool keeps its version. */
@EventType("rollout.halted")
public record RolloutHalted(
        String requestId,
        String rolloutId,
        String image,
        String imageVersion,
        List<String> failedHostnames,
        String reason) implements RelopsEvent {
}
