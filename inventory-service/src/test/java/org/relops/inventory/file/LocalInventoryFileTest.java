package org.relops.inventory.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The inventory the local stack starts with is valid and has what the demo and the qemu provider need. */
class LocalInventoryFileTest {

    private static final Path LOCAL_INVENTORY = Path.of("..", "deploy", "local", "inventory.yaml");

    @Test
    void shouldHoldQemuSystemsWithDistinctMacsInTwoDatacentersAndThreeRacks() throws IOException {
        InventoryFile file = InventoryYaml.read(Files.readString(LOCAL_INVENTORY));

        List<SystemSpec> qemu = file.systems().stream().filter(system -> system.provider().equals("qemu")).toList();
        assertTrue(qemu.size() >= 6, "only " + qemu.size() + " qemu systems");
        assertTrue(qemu.stream().allMatch(system -> system.identity().mac().startsWith("52:54:00:")));
        assertEquals(qemu.size(), qemu.stream().map(system -> system.identity().mac()).distinct().count());
        Set<String> datacenters = qemu.stream().map(system -> system.location().datacenter())
                .collect(Collectors.toSet());
        Set<String> racks = qemu.stream().map(system -> system.location().toString()).collect(Collectors.toSet());
        assertEquals(2, datacenters.size());
        assertEquals(3, racks.size());
        assertTrue(file.systems().stream().anyMatch(system -> system.provider().equals("libvirt")));
    }
}
