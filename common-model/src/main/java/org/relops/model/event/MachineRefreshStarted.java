package org.relops.model.event;

/**
 * A periodic refresh of a machine began: {@code incremental} (its role is re-applied in place, no
 * reboot, because the base OS is unchanged) or {@code pave-over} (a full network-boot reimage).
 */
@EventType("machine.refresh.started")
public record MachineRefreshStarted(
        String requestId,
        String hostname,
        String systemName,
        String image,
        String fromVersion,
        String toVersion,
        String mode,
        String reason) implements RelopsEvent {
}
