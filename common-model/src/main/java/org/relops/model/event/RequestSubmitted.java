package org.relops.model.event;

import java.util.List;

import org.relops.model.value.PlacementConstraints;

/**
 * A request for machines was accepted by request-service. The hostnames are chosen up front so
 * that every later event about a machine can name it.
 */
@EventType("request.submitted")
public record RequestSubmitted(
        String requestId,
        String image,
        String imageVersion,
        int count,
        String appEnvironment,
        List<String> hostnames,
        PlacementConstraints constraints) implements RelopsEvent {
}
