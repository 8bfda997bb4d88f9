package org.relops.model.event;

import org.relops.model.value.PlacementConstraints;

/**
 * A machine failed and is to be replaced from the same image with the same hostname: inventory
 * quarantines its old system and reserves another, and the flow runs again from {@code host.reserved}.
 */
@EventType("machine.replacement.requested")
public record MachineReplacementRequested(
        String requestId,
        String hostname,
        String failedSystemName,
        String image,
        String imageVersion,
        String appEnvironment,
        PlacementConstraints constraints,
        String reason) implements RelopsEvent {
}
