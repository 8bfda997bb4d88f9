package org.relops.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.relops.inventory.rest.ImportCalls.edit;
import static org.relops.inventory.rest.ImportCalls.exportInventory;
import static org.relops.inventory.rest.ImportCalls.importInventory;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.inventory.Identity;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.Nic;
import org.relops.inventory.Requests;
import org.relops.inventory.SystemState;
import org.relops.inventory.Volume;
import org.relops.inventory.file.InventoryFile;
import org.relops.inventory.file.InventoryYaml;
import org.relops.inventory.file.SystemSpec;
import org.relops.inventory.placement.Placement;
import org.relops.inventory.service.ReservationService;
import org.relops.model.value.Location;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InventoryImportTest {

    @Inject
    ReservationService reservations;

    @Test
    void shouldExportTheInventoryAsAFileThatImportsBackWithoutChanges() {
        String exported = exportInventory();

        importInventory(exported, true, false)
                .statusCode(200)
                .body("added", empty())
                .body("removed", empty())
                .body("changed", empty())
                .body("unchanged", is(InventoryYaml.read(exported).systems().size()));
    }

    @Test
    void shouldShowTheChangesFieldByFieldOnADryRunAndChangeNothing() {
        String changed = edit(exportInventory(), system -> system.name().equals("import-01")
                ? withLocation(system, new Location("scl3", "r7", "r7-z")) : system);

        importInventory(changed, true, false)
                .statusCode(200)
                .body("applied", is(false))
                .body("changed.name", contains("import-01"))
                .body("changed[0].changes.field", contains("location"))
                .body("changed[0].changes[0].from", is("scl3/r7/r7-a"))
                .body("changed[0].changes[0].to", is("scl3/r7/r7-z"));
        assertEquals("r7-a", system("import-01").rack);
    }

    @Test
    void shouldApplyAnImportAndRecordWhatItDid() {
        String exported = exportInventory();
        InventoryFile file = InventoryYaml.read(exported);
        SystemSpec template = file.systems().stream().filter(system -> system.name().equals("import-02")).findFirst()
                .orElseThrow();
        SystemSpec added = new SystemSpec("import-new", "libvirt", new Nic("52:54:00:20:00:01", null, null),
                new Identity(null, "test:///default", null, null, null),
                "import", template.location(), "relops-test", List.of(new Volume("ccache", 10)), null);
        String changed = InventoryYaml.write(new InventoryFile(file.segments(), Stream.concat(
                file.systems().stream().map(system -> system.name().equals("import-02")
                        ? withLocation(system, new Location("scl3", "r7", "r7-c")) : system),
                Stream.of(added)).toList()));

        importInventory(changed, false, false)
                .statusCode(200)
                .body("applied", is(true))
                .body("added", contains("import-new"))
                .body("changed.name", contains("import-02"));

        InventorySystem stored = system("import-new");
        assertEquals(SystemState.FREE, stored.state);
        assertEquals(List.of(new Volume("ccache", 10)), stored.volumes);
        assertEquals("r7-c", system("import-02").rack);
        given().get("/v1/systems/import-new/history").then().statusCode(200)
                .body("items.to", contains("free"))
                .body("items.actor", contains("import by operator alice"));
        given().queryParam("subject", "inventory").queryParam("size", 1).get("/v1/audit").then().statusCode(200)
                .body("items[0].actor", is("alice")).body("items[0].action", is("imported"))
                .body("items[0].detail", containsString("systems: 1 added, 0 removed, 1 changed"));
    }

    @Test
    void shouldRefuseAnImportThatTouchesTooManySystemsUnlessForced() {
        String massChange = edit(exportInventory(), system -> system.hardwareClass().equals("marker")
                ? withVolumes(system, List.of(new Volume("objdir", 5))) : system);

        importInventory(massChange, false, false)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("the import touches 40 of"))
                .body("detail", containsString("more than the allowed 25%"));
        assertTrue(system("marker-01").volumes.isEmpty());

        importInventory(massChange, false, true).statusCode(200).body("changed", hasSize(40));
        assertEquals(List.of(new Volume("objdir", 5)), system("marker-40").volumes);
    }

    @Test
    void shouldRejectAFileThatHoldsASecretValueWithoutEchoingIt() {
        String withPassword = exportInventory().replace("name: \"import-03\"",
                "name: \"import-03\"\n    bmcPassword: \"hunter2\"");

        importInventory(withPassword, true, false)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("systems[")).body("detail", containsString("bmcPassword"))
                .body("detail", containsString("secrets must be references"))
                .body("detail", not(containsString("hunter2")));
    }

    @Test
    void shouldRejectAMisspeltFieldAndAnIdentityTheProviderCannotUse() {
        importInventory("systems:\n  - name: x1\n    provider: qemu\n    macc: \"52:54:00:00:00:01\"\n", true, false)
                .statusCode(422).body("detail", containsString("unknown field 'macc'"));
        importInventory("systems:\n  - name: x1\n    provider: baremetal\n    hardwareClass: hw\n"
                + "    nic: {mac: \"52:54:00:00:00:01\"}\n"
                + "    location: {datacenter: d, row: r, rack: k}\n", true, false)
                .statusCode(422)
                .body("detail", containsString("a baremetal system needs identity.bmcAddress"))
                .body("detail", containsString("a baremetal system needs identity.secretRef"));
    }

    @Test
    void shouldRefuseToRemoveASystemAMachineRunsOn() {
        Placement placement = reservations.placeRequest(Requests.forPool("import", 1), null);
        String held = ((Placement.Placed) placement).systems().get(0).name();
        String without = edit(exportInventory(), system -> system.name().equals(held) ? null : system);

        importInventory(without, false, true)
                .statusCode(409)
                .body("detail", containsString("removing " + held + ", which holds machine"));
        assertEquals(SystemState.RESERVED, system(held).state);
    }

    private static SystemSpec withLocation(SystemSpec system, Location location) {
        return new SystemSpec(system.name(), system.provider(), system.nic(), system.identity(),
                system.hardwareClass(), location, system.environment(), system.volumes(), system.state());
    }

    private static SystemSpec withVolumes(SystemSpec system, List<Volume> volumes) {
        return new SystemSpec(system.name(), system.provider(), system.nic(), system.identity(),
                system.hardwareClass(), system.location(), system.environment(), volumes, system.state());
    }

    private static InventorySystem system(String name) {
        return QuarkusTransaction.requiringNew().call(() -> InventorySystem.findByName(name).orElseThrow());
    }
}
