package org.relops.model.event;

/** A machine's periodic refresh is done: it now runs this image version ({@code incremental} or {@code pave-over}). */
@EventType("machine.refreshed")
public record MachineRefreshed(
        String requestId,
        String hostname,
        String systemName,
        String image,
        String imageVersion,
        String imageDigest,
        String mode) implements RelopsEvent {
}
