package org.relops.model.event;

import java.util.List;

/** Every machine of a rollout's first wave came up healthy with the new version: the rest are being reimaged. */
@EventType("rollout.advanced")
public record RolloutAdvanced(
        String requestId,
        String rolloutId,
        String image,
        String imageVersion,
        List<String> secondWave) implements RelopsEvent {
}
