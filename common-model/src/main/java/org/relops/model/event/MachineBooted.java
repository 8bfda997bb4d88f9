package org.relops.model.event;

/** A machine booted its image and phoned home with its address. */
@EventType("machine.booted")
public record MachineBooted(
        String requestId,
        String hostname,
        String systemName,
        String mac,
        String address,
        String image,
        String imageVersion,
        String imageDigest,
        String role,
        boolean buildbotSlave,
        String appEnvironment) implements RelopsEvent {
}
