package org.relops.model.event;

/**
 * A machine booted its image and phoned home with its address. {@code bootId} names this boot (the
 * kernel's boot id): a buildbot connection made in this boot carries it, so a master's view of a worker
 * can be told apart from one left over from an earlier boot. {@code role} is the image version's role
 * ({@code buildbot-slave}, {@code buildbot-master}, {@code bare}, ...).
 */
@EventType(value = "machine.booted", version = "1.1")
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
        String appEnvironment,
        String bootId) implements RelopsEvent {
}
