package org.relops.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.relops.inventory.rest.ImportCalls.edit;
import static org.relops.inventory.rest.ImportCalls.editSegments;
import static org.relops.inventory.rest.ImportCalls.exportInventory;
import static org.relops.inventory.rest.ImportCalls.extend;
import static org.relops.inventory.rest.ImportCalls.importInventory;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.relops.inventory.Identity;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.Nic;
import org.relops.inventory.Requests;
import org.relops.inventory.file.SegmentSpec;
import org.relops.inventory.file.SegmentSpec.Serves;
import org.relops.inventory.file.SystemSpec;
import org.relops.inventory.placement.Placement;
import org.relops.inventory.service.ReservationService;
import org.relops.model.value.Location;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Segments and NICs through the import API: IPAM's addresses, the checks, and the database's own guards. */
@QuarkusTest
class NetworkImportTest {

    @Inject
    ReservationService reservations;

    @Inject
    EntityManager entityManager;

    @Test
    void shouldImportSegmentsAndNicsWithAddressesFromIpamAndKeepThemOnReimport() {
        String file = extend(exportInventory(), List.of(segment("lab1-r1", "10.50.1")),
                List.of(system("lab-01", "lab1", null), system("lab-02", "lab1", null),
                        system("lab-03", "lab1", "10.50.1.12"), system("lab-04", "lab1", null)));

        importInventory(file, true, false).statusCode(200)
                .body("segments.added", contains("lab1-r1"))
                .body("assigned.system", contains("lab-01", "lab-02", "lab-04"))
                .body("assigned.address", contains("10.50.1.11", "10.50.1.13", "10.50.1.14"));
        given().get("/v1/segments").then().body("items.name", not(hasItem("lab1-r1")));
        importInventory(file, false, false).statusCode(200).body("applied", is(true));

        given().get("/v1/systems/lab-02").then().statusCode(200)
                .body("nic.mac", is(mac("lab-02")))
                .body("nic.segment", is("lab1-r1"))
                .body("nic.address", is("10.50.1.13"));
        given().get("/v1/segments").then().statusCode(200)
                .body("items.find { it.name == 'lab1-r1' }.addresses.used", is(4))
                .body("items.find { it.name == 'lab1-r1' }.addresses.free", is(240));
        importInventory(file, true, false).statusCode(200)
                .body("changed", empty()).body("assigned", empty()).body("segments.changed", empty());
        importInventory(exportInventory(), true, false).statusCode(200)
                .body("changed", empty()).body("added", empty()).body("segments.added", empty());

        String withoutLab01 = extend(edit(file, system -> system.name().equals("lab-01") ? null : system), List.of(),
                List.of(system("lab-05", "lab1", null)));
        importInventory(withoutLab01, false, false).statusCode(200)
                .body("assigned.system", contains("lab-05")).body("assigned.address", contains("10.50.1.11"));
        assertEquals(List.of("10.50.1.13", "10.50.1.12", "10.50.1.14", "10.50.1.11"),
                List.of(address("lab-02"), address("lab-03"), address("lab-04"), address("lab-05")));
    }

    @Test
    void shouldRefuseAnInvalidNetworkWithEveryReasonAndApplyNothing() {
        String invalid = extend(exportInventory(), List.of(new SegmentSpec("lab2", "10.3.0.0/16", "10.3.0.1",
                new Serves("lab2", null))), List.of(system("lab2-01", "lab2", "10.9.9.9")));

        importInventory(invalid, false, true).statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("(lab2): cidr 10.3.0.0/16 overlaps segments["))
                .body("detail", containsString("(pdx1-r1) 10.3.1.0/24; segments must not share addresses"))
                .body("detail", containsString("(lab2-01): nic.address 10.9.9.9 is outside its segment lab2"
                        + " (10.3.0.0/16)"));

        given().get("/v1/segments").then().body("items.name", not(hasItem("lab2")));
        given().get("/v1/systems/lab2-01").then().statusCode(404);
    }

    @Test
    void shouldRefuseToDropASegmentSystemsAreStillOnAndApplyNothing() {
        String withoutSegment = editSegments(exportInventory(),
                segment -> segment.name().equals("pdx1-r1") ? null : segment);

        importInventory(withoutSegment, false, true).statusCode(422)
                .body("detail", is("the inventory file is not valid: segment pdx1-r1 (10.3.1.0/24) is removed from"
                        + " segments, but rest-01, rest-02 are still on it: keep the segment, or move those systems"
                        + " to another segment (nic.segment) or remove them in the same file"));

        given().get("/v1/segments").then().body("items.name", hasItem("pdx1-r1"));
        assertEquals("pdx1-r1", system("rest-01").segment);
    }

    @Test
    void shouldRefuseToChangeTheNetworkUnderARunningMachine() {
        String file = extend(exportInventory(), List.of(segment("lab3-r1", "10.50.3")),
                List.of(withClass(system("netguard-01", "lab3", null), "netguard")));
        importInventory(file, false, false).statusCode(200);
        Placement placed = reservations.placeRequest(Requests.forPool("netguard", 1), null);
        String machine = ((Placement.Placed) placed).systems().get(0).name();
        InventorySystem held = system(machine);

        String newGateway = editSegments(exportInventory(), segment -> segment.name().equals("lab3-r1")
                ? new SegmentSpec(segment.name(), segment.cidr(), "10.50.3.254", segment.serves()) : segment);
        importInventory(newGateway, false, true).statusCode(409)
                .body("detail", containsString("changing the gateway of segment lab3-r1, which machine "
                        + held.hostname + " of request " + held.requestId + " (on netguard-01) uses"));
        String newAddress = edit(exportInventory(), system -> system.name().equals("netguard-01")
                ? system.withNic(system.nic().withAddress("10.50.3.99")) : system);
        importInventory(newAddress, false, true).statusCode(409)
                .body("detail", containsString("changing nic.address of netguard-01, which holds machine "
                        + held.hostname));

        assertEquals("10.50.3.11", address("netguard-01"));
    }

    @Test
    void shouldRefuseADuplicateAddressOrMacAnOverlapOrAnOrphanedNicInTheDatabaseItself() {
        String restAddress = "(select address from inventory_system where name = 'rest-01')";

        assertRefusedBy("inventory_system_address_unique", "insert into inventory_system (name, provider, mac,"
                + " segment, address, hardware_class, datacenter, row_name, rack, state, state_since) values"
                + " ('intruder', 'QEMU', '52:54:00:99:99:99', 'pdx1-r1', " + restAddress + ", 'rest', 'pdx1', 'r1',"
                + " 'r1-a', 'FREE', now())");
        assertRefusedBy("inventory_system_address_unique",
                "update inventory_system set address = " + restAddress + " where name = 'rest-02'");
        assertRefusedBy("inventory_system_mac_unique", "update inventory_system set mac = (select mac from"
                + " inventory_system where name = 'rest-01') where name = 'rest-02'");
        assertRefusedBy("network_segment_no_overlap", "insert into network_segment (name, cidr, gateway, datacenter)"
                + " values ('overlapping', '10.3.0.0/16', '10.3.0.1', 'pdx1')");
        assertRefusedBy("inventory_system_segment_fkey", "delete from network_segment where name = 'pdx1-r1'");

        assertEquals("10.3.1.12", address("rest-02"));
    }

    private void assertRefusedBy(String constraint, String sql) {
        Exception refused = assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> entityManager.createNativeQuery(sql).executeUpdate()));
        assertThat(messages(refused), containsString(constraint));
    }

    /** The messages of a failure, its causes and what they suppressed (a failed commit reports that way). */
    private static String messages(Throwable failure) {
        if (failure == null) {
            return "";
        }
        StringBuilder messages = new StringBuilder(String.valueOf(failure.getMessage())).append('\n');
        for (Throwable suppressed : failure.getSuppressed()) {
            messages.append(messages(suppressed));
        }
        return messages.append(failure.getCause() == failure ? "" : messages(failure.getCause())).toString();
    }

    private static SegmentSpec segment(String name, String prefix) {
        String datacenter = name.substring(0, name.indexOf('-'));
        return new SegmentSpec(name, prefix + ".0/24", prefix + ".1", new Serves(datacenter, List.of("r1-a")));
    }

    private static SystemSpec system(String name, String datacenter, String address) {
        return new SystemSpec(name, "qemu", new Nic(mac(name), null, address), Identity.NONE, "lab",
                new Location(datacenter, "r1", "r1-a"), null, List.of(), null);
    }

    private static SystemSpec withClass(SystemSpec system, String hardwareClass) {
        return new SystemSpec(system.name(), system.provider(), system.nic(), system.identity(), hardwareClass,
                system.location(), system.environment(), system.volumes(), system.state());
    }

    private static String mac(String name) {
        return String.format("52:54:00:77:%02x:%02x", Math.abs(name.hashCode()) % 256, name.length());
    }

    private static String address(String name) {
        return system(name).address;
    }

    private static InventorySystem system(String name) {
        return QuarkusTransaction.requiringNew().call(() -> InventorySystem.findByName(name).orElseThrow());
    }
}
