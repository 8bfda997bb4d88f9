package org.relops.inventory.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.relops.inventory.Nic;
import org.relops.inventory.file.Ipam.Assigned;

/** How IPAM fills in the addresses a file leaves out. */
class IpamTest {

    private static final String SEGMENT = """
            segments:
              - name: lab
                cidr: 10.50.1.0/24
                gateway: 10.50.1.11
                serves: {datacenter: lab}
              - name: tiny
                cidr: 10.50.2.0/28
                gateway: 10.50.2.1
                serves: {datacenter: tiny}
            systems:
            """;

    @Test
    void shouldAssignTheLowestFreeHostAddressesInFileOrderSkippingTheReservedOnesAndTheGateway() {
        InventoryFile file = file(system("c", null), system("a", null), system("b", "10.50.1.13"));

        Ipam.Result result = Ipam.assign(file, StoredNetwork.NONE, 10);

        assertEquals(Map.of("c", "10.50.1.12", "a", "10.50.1.14", "b", "10.50.1.13"), addresses(result.file()));
        assertEquals(List.of(new Assigned("c", "lab", "10.50.1.12"), new Assigned("a", "lab", "10.50.1.14")),
                result.assigned());
        assertEquals(addresses(result.file()), addresses(Ipam.assign(file, StoredNetwork.NONE, 10).file()));
    }

    @Test
    void shouldKeepTheAddressesOfStoredSystemsAndGiveANewOneTheLowestFree() {
        StoredNetwork stored = stored(Map.of("a", "10.50.1.12", "b", "10.50.1.13", "c", "10.50.1.14"));

        Ipam.Result result = Ipam.assign(file(system("d", null), system("c", null), system("b", null)), stored, 10);

        assertEquals(Map.of("d", "10.50.1.12", "c", "10.50.1.14", "b", "10.50.1.13"), addresses(result.file()));
        assertEquals(List.of(new Assigned("d", "lab", "10.50.1.12")), result.assigned());
    }

    @Test
    void shouldGiveAnAddressTheFileNamesToItsSystemAndMoveTheStoredHolderToAFreeOne() {
        StoredNetwork stored = stored(Map.of("a", "10.50.1.12"));

        Ipam.Result result = Ipam.assign(file(system("a", null), system("b", "10.50.1.12")), stored, 10);

        assertEquals(Map.of("a", "10.50.1.13", "b", "10.50.1.12"), addresses(result.file()));
    }

    @Test
    void shouldRefuseASystemItsSegmentHasNoAddressLeftFor() {
        List<String> tiny = List.of("t1", "t2", "t3", "t4", "t5");
        String systems = String.join("", tiny.stream().map(name -> system(name, null).replace("lab", "tiny")).toList());

        InvalidInventoryFileException refused = assertThrows(InvalidInventoryFileException.class,
                () -> Ipam.assign(InventoryYaml.read(SEGMENT + systems), StoredNetwork.NONE, 10));

        assertEquals(List.of("systems[4] (t5): segment tiny (10.50.2.0/28) has no free address left (IPAM skips the"
                + " gateway and the first 10 host addresses); give the segment a larger cidr or the system an address"
                + " in nic.address"), refused.problems());
    }

    private static InventoryFile file(String... systems) {
        return InventoryYaml.read(SEGMENT + String.join("", systems));
    }

    private static StoredNetwork stored(Map<String, String> addresses) {
        Map<String, Nic> nics = new LinkedHashMap<>();
        addresses.forEach((name, address) -> nics.put(name, new Nic(mac(name), "lab", address)));
        return new StoredNetwork(nics, Map.of("lab", "10.50.1.0/24"));
    }

    private static Map<String, String> addresses(InventoryFile file) {
        Map<String, String> addresses = new LinkedHashMap<>();
        file.systems().forEach(system -> addresses.put(system.name(), system.nic().address()));
        return addresses;
    }

    private static String system(String name, String address) {
        return "  - name: " + name + "\n    provider: qemu\n    nic: {mac: \"" + mac(name) + "\""
                + (address == null ? "" : ", address: " + address) + "}\n    hardwareClass: vm\n"
                + "    location: {datacenter: lab, row: r1, rack: r1-a}\n";
    }

    private static String mac(String name) {
        return String.format("52:54:00:ab:00:%02x", (int) name.charAt(name.length() - 1));
    }
}
