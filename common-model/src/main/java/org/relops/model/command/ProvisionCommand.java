package org.relops.model.command;

import org.relops.model.value.PlacementConstraints;

/**
 * What an outside producer (buildbot, an operator's script) publishes to the intake queue
 * {@code relops.requests} to ask for machines. The same shape as the REST body, plus the
 * {@code requestId} the publisher chose so that it can correlate the events that follow.
 */
public record ProvisionCommand(
        String requestId,
        String image,
        Integer count,
        String appEnvironment,
        String hostnamePrefix,
        PlacementConstraints constraints) {
}
