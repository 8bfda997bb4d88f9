package org.relops.slavealloc.service;

import org.relops.slavealloc.Master;

/** Where a slave was attached, and whether that changed its master. */
public record Allocation(Master master, boolean moved) {
}
