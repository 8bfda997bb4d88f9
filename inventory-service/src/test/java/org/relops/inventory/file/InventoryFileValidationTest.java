package org.relops.inventory.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.relops.inventory.Nic;

/** What checking an inventory file says about its segments and NICs: every problem, exactly. */
class InventoryFileValidationTest {

    private static final String SEGMENTS = """
            segments:
              - name: scl3-r1-a
                cidr: 10.10.1.0/24
                gateway: 10.10.1.1
                serves: {datacenter: scl3, racks: [r1-a]}
              - name: scl3-r1-b
                cidr: 10.10.2.0/24
                gateway: 10.10.2.1
                serves: {datacenter: scl3, racks: [r1-b]}
            """;

    @Test
    void shouldPutANicThatNamesNoSegmentOnTheSegmentServingItsRack() {
        InventoryFile file = InventoryYaml.read(SEGMENTS + "systems:\n"
                + system("q1", "{mac: \"52:54:00:AB:00:01\"}", "r1-b")
                + system("q2", "{mac: \"52:54:00:ab:00:02\", segment: scl3-r1-a, address: 10.10.1.20}", "r1-a"));

        assertEquals(List.of(new Nic("52:54:00:ab:00:01", "scl3-r1-b", null),
                new Nic("52:54:00:ab:00:02", "scl3-r1-a", "10.10.1.20")),
                file.systems().stream().map(SystemSpec::nic).toList());
    }

    @Test
    void shouldLetASegmentServeAWholeDatacenterWhenItNamesNoRacks() {
        InventoryFile file = InventoryYaml.read("""
                segments:
                  - name: mdc1
                    cidr: 10.20.0.0/16
                    gateway: 10.20.0.1
                    serves: {datacenter: mdc1}
                systems:
                """ + system("m1", "{mac: \"52:54:00:ab:00:01\"}", "r7-c").replace("scl3", "mdc1"));

        assertEquals("mdc1", file.systems().get(0).nic().segment());
    }

    @Test
    void shouldRefuseOverlappingSegmentsNamingBothAndTheirCidrs() {
        assertEquals(List.of(
                "segments[2] (scl3-all): cidr 10.10.0.0/16 overlaps segments[0] (scl3-r1-a) 10.10.1.0/24;"
                        + " segments must not share addresses",
                "segments[2] (scl3-all): cidr 10.10.0.0/16 overlaps segments[1] (scl3-r1-b) 10.10.2.0/24;"
                        + " segments must not share addresses"),
                problems(SEGMENTS + segment("scl3-all", "10.10.0.0/16", "10.10.0.1", "{datacenter: scl3}")
                        + "systems: []\n"));
    }

    @Test
    void shouldRefuseAMalformedCidrGatewayAddressOrMacSayingWhatIsAllowed() {
        assertEquals(List.of(
                "segments[2] (lab-a): cidr '10.10.3/24' is not an IPv4 network; write it as address/prefix length,"
                        + " like 10.10.1.0/24",
                "segments[3] (lab-b): cidr '10.10.4.5/24' has host bits set; the network is 10.10.4.0/24",
                "segments[4] (lab-c): cidr '10.10.5.0/31' leaves no host addresses; a segment needs a prefix of /30"
                        + " or shorter",
                "segments[5] (lab-d): gateway '10.10.6.256' is not an IPv4 address (like 10.10.1.1)",
                "systems[0] (q1): nic.mac '52:54:00:zz:00:01' is not a MAC address; write six hex pairs like"
                        + " 52:54:00:12:34:56",
                "systems[1] (q2): nic.address '10.10.1' is not an IPv4 address (like 10.10.1.20); leave it out to"
                        + " have IPAM assign one"),
                problems(SEGMENTS
                        + segment("lab-a", "10.10.3/24", "10.10.3.1", "{datacenter: lab}")
                        + segment("lab-b", "10.10.4.5/24", "10.10.4.1", "{datacenter: lab}")
                        + segment("lab-c", "10.10.5.0/31", "10.10.5.1", "{datacenter: lab}")
                        + segment("lab-d", "10.10.6.0/24", "10.10.6.256", "{datacenter: lab}")
                        + "systems:\n"
                        + system("q1", "{mac: \"52:54:00:zz:00:01\"}", "r1-a")
                        + system("q2", "{mac: \"52:54:00:ab:00:02\", address: 10.10.1}", "r1-a")));
    }

    @Test
    void shouldRefuseAGatewayOutsideItsSegmentOrOnItsNetworkOrBroadcastAddress() {
        assertEquals(List.of(
                "segments[2] (lab-a): gateway 10.10.9.1 is outside 10.10.3.0/24; it must be a host address of the"
                        + " segment (10.10.3.1 - 10.10.3.254)",
                "segments[3] (lab-b): gateway 10.10.4.255 is the broadcast address of 10.10.4.0/24; it must be a"
                        + " host address of the segment (10.10.4.1 - 10.10.4.254)"),
                problems(SEGMENTS
                        + segment("lab-a", "10.10.3.0/24", "10.10.9.1", "{datacenter: lab}")
                        + segment("lab-b", "10.10.4.0/24", "10.10.4.255", "{datacenter: lab}")
                        + "systems: []\n"));
    }

    @Test
    void shouldRefuseAnAddressOutsideItsSegment() {
        assertEquals(List.of("systems[0] (q1): nic.address 10.10.2.20 is outside its segment scl3-r1-a"
                + " (10.10.1.0/24); use a host address of 10.10.1.0/24 (10.10.1.1 - 10.10.1.254) other than the"
                + " gateway, or leave it out to have IPAM assign one"),
                problems(SEGMENTS + "systems:\n" + system("q1", "{mac: \"52:54:00:ab:00:01\", address: 10.10.2.20}",
                        "r1-a")));
    }

    @Test
    void shouldRefuseTheNetworkTheBroadcastOrTheGatewayAddressAsASystemsAddress() {
        String allowed = "; use a host address of 10.10.1.0/24 (10.10.1.1 - 10.10.1.254) other than the gateway,"
                + " or leave it out to have IPAM assign one";
        assertEquals(List.of(
                "systems[0] (q1): nic.address 10.10.1.0 is the network address of segment scl3-r1-a (10.10.1.0/24)"
                        + allowed,
                "systems[1] (q2): nic.address 10.10.1.255 is the broadcast address of segment scl3-r1-a"
                        + " (10.10.1.0/24)" + allowed,
                "systems[2] (q3): nic.address 10.10.1.1 is the gateway of segment scl3-r1-a (10.10.1.0/24)"
                        + allowed),
                problems(SEGMENTS + "systems:\n"
                        + system("q1", "{mac: \"52:54:00:ab:00:01\", address: 10.10.1.0}", "r1-a")
                        + system("q2", "{mac: \"52:54:00:ab:00:02\", address: 10.10.1.255}", "r1-a")
                        + system("q3", "{mac: \"52:54:00:ab:00:03\", address: 10.10.1.1}", "r1-a")));
    }

    @Test
    void shouldRefuseAnAddressTakenTwiceNamingBothSystems() {
        assertEquals(List.of("systems[1] (q2): nic.address 10.10.1.20 is already used by systems[0] (q1); every"
                + " system needs an address of its own"),
                problems(SEGMENTS + "systems:\n"
                        + system("q1", "{mac: \"52:54:00:ab:00:01\", address: 10.10.1.20}", "r1-a")
                        + system("q2", "{mac: \"52:54:00:ab:00:02\", address: 10.10.1.20}", "r1-a")));
    }

    @Test
    void shouldRefuseADuplicateMacNamingBothSystems() {
        assertEquals(List.of("systems[1] (q2): nic.mac 52:54:00:ab:00:01 is already used by systems[0] (q1); every"
                + " NIC needs a MAC of its own"),
                problems(SEGMENTS + "systems:\n"
                        + system("q1", "{mac: \"52:54:00:ab:00:01\"}", "r1-a")
                        + system("q2", "{mac: \"52:54:00:AB:00:01\"}", "r1-b")));
    }

    @Test
    void shouldRefuseAnUnknownSegmentNamingTheKnownOnes() {
        assertEquals(List.of("systems[0] (q1): nic.segment 'scl3-r9' is not a segment of this file; one of"
                + " scl3-r1-a, scl3-r1-b"),
                problems(SEGMENTS + "systems:\n" + system("q1", "{mac: \"52:54:00:ab:00:01\", segment: scl3-r9}",
                        "r1-a")));
    }

    @Test
    void shouldRefuseASystemNoSegmentServesAndOneSeveralSegmentsServe() {
        assertEquals(List.of(
                "systems[0] (q1): no segment serves its rack r2-a in scl3; add the rack to a segment's"
                        + " serves.racks, or name a segment in nic.segment",
                "systems[1] (q2): segments scl3-r1-a and scl3-rest both serve its rack r1-a in scl3; name the one"
                        + " it is on in nic.segment"),
                problems(SEGMENTS + segment("scl3-rest", "10.10.8.0/24", "10.10.8.1", "{datacenter: scl3, racks:"
                        + " [r1-a, r3-a]}") + "systems:\n"
                        + system("q1", "{mac: \"52:54:00:ab:00:01\"}", "r2-a")
                        + system("q2", "{mac: \"52:54:00:ab:00:02\"}", "r1-a")));
    }

    @Test
    void shouldRefuseToDropASegmentSystemsAreStillOnNamingThem() {
        StoredNetwork stored = new StoredNetwork(Map.of(
                "q1", new Nic("52:54:00:ab:00:01", "scl3-r1-b", "10.10.2.11"),
                "q2", new Nic("52:54:00:ab:00:02", "scl3-r1-b", "10.10.2.12")),
                Map.of("scl3-r1-a", "10.10.1.0/24", "scl3-r1-b", "10.10.2.0/24"));
        String withoutR1b = SEGMENTS.substring(0, SEGMENTS.indexOf("  - name: scl3-r1-b"));

        InvalidInventoryFileException refused = assertThrows(InvalidInventoryFileException.class,
                () -> InventoryFileValidator.validated(InventoryYaml.parse(withoutR1b + "systems:\n"
                        + system("q1", "{mac: \"52:54:00:ab:00:01\"}", "r1-b")
                        + system("q2", "{mac: \"52:54:00:ab:00:02\", segment: scl3-r1-b}", "r1-b")), stored));

        assertEquals(List.of("segment scl3-r1-b (10.10.2.0/24) is removed from segments, but q1, q2 are still on it:"
                + " keep the segment, or move those systems to another segment (nic.segment) or remove them in the"
                + " same file"), refused.problems());
    }

    @Test
    void shouldRefuseTheOldPlaceOfTheMacSayingItMovedToNicMac() {
        assertEquals(List.of("systems[0] (q1): identity.mac has moved to nic.mac; write the MAC as"
                + " nic: {mac: \"52:54:00:12:34:56\"}"),
                problems(SEGMENTS + """
                        systems:
                          - name: q1
                            provider: qemu
                            identity: {mac: "52:54:00:ab:00:01"}
                            hardwareClass: vm
                            location: {datacenter: scl3, row: r1, rack: r1-a}
                        """));
    }

    @Test
    void shouldRequireANicWithAMacOfEverySystemButACloudSlot() {
        String cloudSlot = """
                  - name: e1
                    provider: ec2
                    identity: {region: us-east-1}
                    hardwareClass: vm
                    location: {datacenter: use1, row: a, rack: a1}
                """;
        String noNic = system("s1", "null", "r1-a").replace("qemu", "simulated");

        assertEquals(List.of("systems[1] (s1): a simulated system needs nic.mac (its boot NIC, like"
                + " nic: {mac: \"52:54:00:12:34:56\"})"), problems(SEGMENTS + "systems:\n" + cloudSlot + noNic));
        assertNull(InventoryYaml.read(SEGMENTS + "systems:\n" + cloudSlot).systems().get(0).nic());
    }

    private static List<String> problems(String yaml) {
        return assertThrows(InvalidInventoryFileException.class, () -> InventoryYaml.read(yaml)).problems();
    }

    private static String segment(String name, String cidr, String gateway, String serves) {
        return "  - name: " + name + "\n    cidr: " + cidr + "\n    gateway: " + gateway + "\n    serves: " + serves
                + "\n";
    }

    private static String system(String name, String nic, String rack) {
        return "  - name: " + name + "\n    provider: qemu\n    nic: " + nic + "\n    hardwareClass: vm\n"
                + "    location: {datacenter: scl3, row: r1, rack: " + rack + "}\n";
    }
}
