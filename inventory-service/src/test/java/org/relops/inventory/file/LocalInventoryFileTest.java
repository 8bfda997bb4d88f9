package org.relops.inventory.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The inventories the local stack and the end-to-end tests start with are valid, and have what the demo,
 * the qemu provider and the end-to-end tests need.
 */
class LocalInventoryFileTest {

    private static final Path LOCAL_INVENTORY = Path.of("..", "deploy", "local", "inventory.yaml");
    private static final Path E2E_INVENTORY = Path.of("..", "e2e-tests", "src", "test", "resources",
            "inventory-e2e.yaml");

    @Test
    void shouldHoldOnlyQemuLibvirtAndVirtualBareMetalSystemsWithDistinctMacsInTwoDatacenters() throws IOException {
        InventoryFile file = InventoryYaml.read(Files.readString(LOCAL_INVENTORY));

        List<SystemSpec> qemu = file.systems().stream().filter(system -> system.provider().equals("qemu")).toList();
        List<SystemSpec> baremetal = file.systems().stream().filter(system -> system.provider().equals("baremetal"))
                .toList();
        List<SystemSpec> libvirt = file.systems().stream().filter(system -> system.provider().equals("libvirt"))
                .toList();
        assertEquals(6, qemu.size());
        assertEquals(2, baremetal.size());
        assertEquals(2, libvirt.size());
        assertEquals(file.systems().size(), qemu.size() + baremetal.size() + libvirt.size(),
                "the local inventory holds only systems that really boot (VMs, libvirt domains, and hosts behind the"
                        + " virtual BMCs)");
        assertEquals(Set.of("vm-small"), libvirt.stream().map(SystemSpec::hardwareClass).collect(Collectors.toSet()),
                "libvirt systems share the qemu systems' class: a request may span both");
        assertEquals(Set.of("scl3", "mdc1"), libvirt.stream().map(system -> system.location().datacenter())
                .collect(Collectors.toSet()));
        assertTrue(file.systems().stream().allMatch(system -> system.nic().mac().startsWith("52:54:00:")));
        assertEquals(file.systems().size(), file.systems().stream().map(system -> system.nic().mac()).distinct()
                .count());
        Set<String> datacenters = qemu.stream().map(system -> system.location().datacenter())
                .collect(Collectors.toSet());
        Set<String> racks = qemu.stream().map(system -> system.location().toString()).collect(Collectors.toSet());
        assertEquals(2, datacenters.size());
        assertEquals(3, racks.size());
        assertEquals(Set.of("scl3", "mdc1"), baremetal.stream().map(system -> system.location().datacenter())
                .collect(Collectors.toSet()), "bare metal in two racks of two datacenters");
        assertTrue(baremetal.stream().allMatch(system -> system.identity().bmcAddress().startsWith("127.0.1.")
                && system.identity().secretRef().equals("vault:bmc/" + system.name())));
    }

    @Test
    void shouldPutEveryLocalSystemOnTheSegmentOfItsRackWithAnAddressFromIpam() throws IOException {
        InventoryFile file = InventoryYaml.read(Files.readString(LOCAL_INVENTORY));

        InventoryFile addressed = Ipam.assign(file, StoredNetwork.NONE, 10).file();

        Map<String, String> nics = addressed.systems().stream().collect(Collectors.toMap(SystemSpec::name,
                system -> system.nic().segment() + " " + system.nic().address()));
        assertEquals(Map.of("qemu-scl3-01", "scl3-r1-a 10.10.1.11", "qemu-scl3-02", "scl3-r1-a 10.10.1.12",
                "qemu-scl3-03", "scl3-r1-b 10.10.2.11", "qemu-scl3-04", "scl3-r1-b 10.10.2.12",
                "qemu-mdc1-01", "mdc1-r1-a 10.10.3.11", "qemu-mdc1-02", "mdc1-r1-a 10.10.3.12",
                "bm-scl3-01", "scl3-r1-b 10.10.2.13", "bm-mdc1-01", "mdc1-r1-a 10.10.3.13",
                "libvirt-scl3-01", "scl3-r1-b 10.10.2.14", "libvirt-mdc1-01", "mdc1-r1-a 10.10.3.14"), nics);
        assertEquals(List.of("scl3-r1-a 10.10.1.0/24 10.10.1.1", "scl3-r1-b 10.10.2.0/24 10.10.2.1",
                "mdc1-r1-a 10.10.3.0/24 10.10.3.1"), file.segments().stream()
                .map(segment -> segment.name() + " " + segment.cidr() + " " + segment.gateway()).toList());
    }

    @Test
    void shouldKeepTheEndToEndInventoryValidWithSimulatedAndQemuSystemsOnSegments() throws IOException {
        InventoryFile file = InventoryYaml.read(Files.readString(E2E_INVENTORY));

        List<SystemSpec> simulated = file.systems().stream()
                .filter(system -> system.provider().equals("simulated")).toList();
        assertEquals(4, simulated.size());
        assertTrue(simulated.stream().allMatch(system -> system.hardwareClass().equals("simulated")
                && system.nic().mac().startsWith("52:54:00:ff:")));
        assertEquals(4, file.systems().stream().filter(system -> system.provider().equals("qemu")
                && system.hardwareClass().equals("qemu-vm")).count());
        assertEquals(3, file.systems().stream().filter(system -> system.provider().equals("qemu")
                && system.hardwareClass().equals("qemu-build")).count(), "the real-image (buildbot) systems");
        List<SystemSpec> baremetal = file.systems().stream()
                .filter(system -> system.provider().equals("baremetal")).toList();
        assertEquals(7, baremetal.size(), "three hosts in two datacenters and four the failure tests break");
        assertTrue(baremetal.stream().allMatch(system -> system.identity().bmcAddress().startsWith("127.0.2.")
                && system.identity().secretRef().equals("vault:bmc/" + system.name())));
        assertEquals(4, file.systems().stream().filter(system -> system.provider().equals("libvirt")).count(),
                "three libvirt systems in three racks, and one beside a qemu system of the same class");
        assertTrue(file.systems().stream().allMatch(system -> system.nic().segment() != null));
        assertEquals(file.systems().size(), Ipam.assign(file, StoredNetwork.NONE, 10).file().systems().stream()
                .map(system -> system.nic().address()).distinct().count());
    }
}
