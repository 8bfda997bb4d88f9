package org.relops.model.event;

import java.util.List;

/** A staged rollout of an image version began by reimaging its first wave; the rest wait until those are healthy. */
@EventType("rollout.started")
public record RolloutStarted(
        String requestId,
        String rolloutId,
        String image,
        String imageVersion,
        String appEnvironment,
        int firstPercent,
        List<String> firstWave,
        int machines) implements RelopsEvent {
}
