package org.relops.imaging;

/** The life of one provisioning operation. */
public enum OperationState {
    /** Recorded; the provider has not been asked yet. */
    PENDING,
    /** The provider is being asked to start the machine, outside any transaction; a crash leaves it here. */
    LAUNCHING,
    /** The provider started the machine; waiting for it to phone home. */
    BOOTING,
    /** The machine is up. */
    BOOTED,
    /** The machine did not come up, or died; the reason says why. */
    FAILED,
    /** Superseded by a reimage or ended by a decommission. */
    CANCELLED;

    public boolean isActive() {
        return this == PENDING || this == LAUNCHING || this == BOOTING || this == BOOTED;
    }
}
