package org.relops.model.event;

/** imaging-service started putting an image version on a machine. */
@EventType("machine.provisioning")
public record MachineProvisioning(
        String requestId,
        String hostname,
        String systemName,
        String image,
        String imageVersion,
        String imageDigest) implements RelopsEvent {
}
