package org.relops.inventory.file;

import java.util.List;

/** The declarative inventory: every system relops may use, as kept in git. */
public record InventoryFile(List<SystemSpec> systems) {

    public InventoryFile {
        systems = systems == null ? List.of() : List.copyOf(systems);
    }
}
