package org.relops.imaging;

/** Why an operation puts an image on a machine. */
public enum OperationKind {
    /** First boot after {@code host.reserved}. */
    PROVISION,
    /** A new boot of a machine that keeps its hostname and persistent disk. */
    REIMAGE
}
