package org.relops.model.event;

/**
 * A machine could not be provisioned, or died; the reason says why. {@code imageStarted} says whether its
 * provider had started it on the image: false for a failure before (a BMC refusing the credentials, a provider
 * error), which says nothing about the image. Absent (a version 1.0 producer): true.
 */
@EventType(value = "machine.failed", version = "1.1")
public record MachineFailed(String requestId, String hostname, String systemName, String reason,
        Boolean imageStarted) implements RelopsEvent {

    public MachineFailed {
        imageStarted = imageStarted == null || imageStarted;
    }

    /** A failure of a machine started on its image. */
    public MachineFailed(String requestId, String hostname, String systemName, String reason) {
        this(requestId, hostname, systemName, reason, true);
    }
}
