package org.relops.inventory;

/** A persistent volume of a system: lives apart from the root and survives reimage. */
public record Volume(String name, int sizeGb) {
}
