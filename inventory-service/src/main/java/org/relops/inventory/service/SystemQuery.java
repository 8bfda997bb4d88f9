package org.relops.inventory.service;

import java.util.Optional;

import org.relops.inventory.Provider;
import org.relops.inventory.SystemState;

/** Filters for listing systems; each one left empty matches everything. */
public record SystemQuery(
        Optional<SystemState> state,
        Optional<Provider> provider,
        Optional<String> datacenter,
        Optional<String> row,
        Optional<String> rack,
        Optional<String> hardwareClass,
        Optional<String> requestId) {
}
