package org.relops.inventory.file;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The declarative inventory: the network segments and every system relops may use, as kept in git. */
@JsonPropertyOrder({ "segments", "systems" })
public record InventoryFile(List<SegmentSpec> segments, List<SystemSpec> systems) {

    public InventoryFile {
        segments = segments == null ? List.of() : List.copyOf(segments);
        systems = systems == null ? List.of() : List.copyOf(systems);
    }
}
