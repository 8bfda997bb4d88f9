package org.relops.slavealloc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AllocationPolicyTest {

    @Test
    void shouldChooseTheMasterWithTheFewestSlavesOfTheSilo() {
        List<MasterLoad> loads = List.of(new MasterLoad(1, "bm-a", 3), new MasterLoad(2, "bm-b", 1),
                new MasterLoad(3, "bm-c", 2));

        assertEquals("bm-b", AllocationPolicy.choose(loads).orElseThrow().nickname());
    }

    @Test
    void shouldBreakTiesByMasterName() {
        List<MasterLoad> loads = List.of(new MasterLoad(7, "bm-c", 0), new MasterLoad(8, "bm-a", 0),
                new MasterLoad(9, "bm-b", 0));

        assertEquals("bm-a", AllocationPolicy.choose(loads).orElseThrow().nickname());
    }

    @Test
    void shouldCompareMasterNamesIgnoringCase() {
        List<MasterLoad> loads = List.of(new MasterLoad(1, "BM-B", 0), new MasterLoad(2, "bm-a", 0));

        assertEquals("bm-a", AllocationPolicy.choose(loads).orElseThrow().nickname());
    }

    @Test
    void shouldChooseNothingWithoutAnyMaster() {
        assertTrue(AllocationPolicy.choose(List.of()).isEmpty());
    }
}
