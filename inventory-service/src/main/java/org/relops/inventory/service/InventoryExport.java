package org.relops.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.relops.inventory.InventorySystem;
import org.relops.inventory.NetworkSegment;
import org.relops.inventory.file.InventoryFile;
import org.relops.inventory.file.SegmentSpec;
import org.relops.inventory.file.SystemSpec;

import io.quarkus.panache.common.Sort;

/**
 * The inventory as the declarative file that would make it what it is, every address IPAM assigned
 * written out, so that importing it back changes nothing.
 */
@ApplicationScoped
public class InventoryExport {

    @Transactional
    public InventoryFile exportInventory() {
        return new InventoryFile(
                NetworkSegment.<NetworkSegment>listAll(Sort.by("name")).stream().map(SegmentSpec::of).toList(),
                InventorySystem.<InventorySystem>listAll(Sort.by("name")).stream().map(SystemSpec::of).toList());
    }
}
