package org.relops.inventory.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.relops.model.value.PlacementConstraints;
import org.relops.model.value.Spread;

class PlacementPolicyTest {

    private final PlacementPolicy policy = new PlacementPolicy();

    /** scl3: row r1 with racks a (3 systems) and b (1), row r2 with rack c (2); mdc1: row r1 with rack a (2). */
    private static final List<Candidate> INVENTORY = List.of(
            system(1, "scl3", "r1", "a", "vm"), system(2, "scl3", "r1", "a", "vm"), system(3, "scl3", "r1", "a", "vm"),
            system(4, "scl3", "r1", "b", "vm"),
            system(5, "scl3", "r2", "c", "vm"), system(6, "scl3", "r2", "c", "gpu"),
            system(7, "mdc1", "r1", "a", "vm"), system(8, "mdc1", "r1", "a", "gpu"));

    @Test
    void shouldPutEachMachineInItsOwnRackWhenRackSpreadIsAsked() {
        Placement placement = policy.place(3, constraints("scl3", Spread.RACK, null), INVENTORY);

        List<Candidate> chosen = placed(placement);
        assertEquals(3, chosen.stream().map(PlacementPolicyTest::rack).distinct().count());
    }

    @Test
    void shouldSayHowManyRacksAreFreeWhenStrictRackSpreadCannotBeMet() {
        Placement placement = policy.place(4, constraints("scl3", Spread.RACK, null), INVENTORY);

        assertEquals(new Placement.Unplaceable("4 requested, 3 racks free in scl3"), placement);
    }

    @Test
    void shouldSayHowManyRowsAndDatacentersAreFree() {
        assertEquals(new Placement.Unplaceable("3 requested, 2 rows free in scl3"),
                policy.place(3, constraints("scl3", Spread.ROW, null), INVENTORY));
        assertEquals(new Placement.Unplaceable("3 requested, 2 datacenters free"),
                policy.place(3, constraints(null, Spread.DATACENTER, null), INVENTORY));
    }

    @Test
    void shouldHonourTheHardwareClassAndSayWhatIsMissing() {
        assertEquals(2, placed(policy.place(2, constraints(null, Spread.DATACENTER, "gpu"), INVENTORY)).size());
        assertEquals(new Placement.Unplaceable("2 requested, 1 free system of hardware class 'gpu' in mdc1"),
                policy.place(2, constraints("mdc1", Spread.NONE, "gpu"), INVENTORY));
    }

    @Test
    void shouldSpreadAsEvenlyAsPossibleWhenNoSpreadIsAsked() {
        List<Candidate> chosen = placed(policy.place(4, PlacementConstraints.NONE, INVENTORY));

        Map<String, Long> perDatacenter = chosen.stream()
                .collect(Collectors.groupingBy(Candidate::datacenter, Collectors.counting()));
        assertEquals(Map.of("scl3", 2L, "mdc1", 2L), perDatacenter);
    }

    @Test
    void shouldFillRacksUnevenlyOnlyWhenTheFreeSystemsLeaveNoOtherWay() {
        List<Candidate> chosen = placed(policy.place(6, constraints("scl3", Spread.NONE, null), INVENTORY));

        Map<String, Long> perRack = chosen.stream()
                .collect(Collectors.groupingBy(PlacementPolicyTest::rack, Collectors.counting()));
        assertEquals(Map.of("scl3/r1/a", 3L, "scl3/r1/b", 1L, "scl3/r2/c", 2L), perRack);
    }

    @Test
    void shouldNeverChooseOneSystemTwice() {
        List<Candidate> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(system(i, "dc" + i % 3, "r" + i % 7, "k" + i % 5, "vm"));
        }

        List<Candidate> chosen = placed(policy.place(499, PlacementConstraints.NONE, many));

        assertEquals(499, chosen.stream().map(Candidate::id).distinct().count());
    }

    private static List<Candidate> placed(Placement placement) {
        return assertInstanceOf(Placement.Placed.class, placement, placement.toString()).systems();
    }

    private static PlacementConstraints constraints(String datacenter, Spread spread, String hardwareClass) {
        return new PlacementConstraints(datacenter, spread, hardwareClass);
    }

    private static String rack(Candidate candidate) {
        return candidate.datacenter() + "/" + candidate.row() + "/" + candidate.rack();
    }

    private static Candidate system(long id, String datacenter, String row, String rack, String hardwareClass) {
        return new Candidate(id, "sys-" + id, datacenter, row, rack, hardwareClass);
    }
}
