package org.relops.request;

/** Where one machine of a request is in its life. */
public enum MachineState {
    /** Named, waiting for a system. */
    PENDING,
    /** A system is reserved for it. */
    RESERVED,
    /** Its image is being put on the system. */
    PROVISIONING,
    /** It booted and phoned home; DNS and slave allocation may still be pending. */
    BOOTED,
    /** Booted, in DNS and, for buildbot slaves, allocated to a master. */
    READY,
    /** It failed and is being replaced: same image, same hostname, another system. */
    REPLACING,
    /** It could not be provisioned, or died, and is not being replaced. */
    FAILED,
    /** Being released, removed from DNS, destroyed and freed. */
    DECOMMISSIONING,
    /** Gone. */
    DECOMMISSIONED
}
