package org.relops.slavealloc.service;

import java.util.Objects;

import org.relops.slavealloc.Master;

/** Where an allocation attached a slave ({@code master} null: nowhere) and where it was before. */
public record Allocation(Master master, Integer previousMasterId) {

    public boolean attached() {
        return master != null;
    }

    /** The slave's recorded master changed. */
    public boolean moved() {
        return !Objects.equals(master == null ? null : master.id, previousMasterId);
    }
}
