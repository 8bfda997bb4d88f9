package org.relops.imaging;

/** Where an image version's build stands. Only READY versions can be booted. */
public enum VersionState {
    BUILDING,
    READY,
    FAILED
}
