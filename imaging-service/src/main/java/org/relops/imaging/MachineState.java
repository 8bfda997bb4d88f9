package org.relops.imaging;

/** Where a machine stands as imaging-service sees it. */
public enum MachineState {
    /** An image is being put on it; its current operation says how far. */
    PROVISIONING,
    /** It booted its image and phoned home (or its provider reported it up). */
    BOOTED,
    /** Its last operation failed, or it stopped sending heartbeats. */
    FAILED,
    /** Decommissioned: its provider is destroying it (retried until done); machine.destroyed follows. */
    DESTROYING,
    /** Destroyed on decommission. */
    DESTROYED
}
