package org.relops.inventory.placement;

/** A free system as placement sees it: where it stands and what it is. */
public record Candidate(long id, String name, String datacenter, String row, String rack, String hardwareClass) {
}
