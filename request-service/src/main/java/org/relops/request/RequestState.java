package org.relops.request;

/** Where a request is in its life. */
public enum RequestState {
    /** Accepted and recorded; its submission is on its way to the bus. */
    SUBMITTED,
    /** On the bus; inventory is placing it. */
    PLACING,
    /** Systems are reserved; machines are being imaged, named and allocated. */
    PROVISIONING,
    /** Every machine is ready. */
    FULFILLED,
    /** It cannot be fulfilled; the reason says why. */
    FAILED,
    /** Its machines are being taken down. */
    DECOMMISSIONING,
    /** Every machine is gone and its system free. */
    DECOMMISSIONED;

    public boolean isBeingTakenDown() {
        return this == DECOMMISSIONING || this == DECOMMISSIONED;
    }
}
