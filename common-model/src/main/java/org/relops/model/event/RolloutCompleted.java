package org.relops.model.event;

import java.util.List;

/**
 * Every machine of a rollout was reimaged; {@code failedHostnames} lists those of the second wave that
 * did not come up.
 */
@EventType("rollout.completed")
public record RolloutCompleted(
        String requestId,
        String rolloutId,
        String image,
        String imageVersion,
        int machines,
        List<String> failedHostnames) implements RelopsEvent {
}
