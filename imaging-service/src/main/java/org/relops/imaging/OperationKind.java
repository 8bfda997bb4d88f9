package org.relops.imaging;

/** Why an operation puts an image on a machine. */
public enum OperationKind {
    /** First boot after {@code host.reserved}. */
    PROVISION,
    /** A new boot of a machine that keeps its hostname and persistent disk. */
    REIMAGE,
    /** A reboot: a network boot again, of the newest version for every-boot roles, else of the same one. */
    REBOOT,
    /** A periodic refresh that paves the machine over (its base changed). */
    REFRESH,
    /** A reimage that is part of a staged rollout. */
    ROLLOUT
}
