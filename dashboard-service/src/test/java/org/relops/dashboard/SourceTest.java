package org.relops.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

/** Which reads an event makes the dashboard repeat: every part the event's type can change, and no other. */
class SourceTest {

    @Test
    void shouldReadAgainWhatAMachinesEventCanChange() {
        assertEquals(EnumSet.of(Source.REQUESTS, Source.IMAGE_HEALTH, Source.SYSTEMS), Source.touchedBy("machine.ready"));
    }

    @Test
    void shouldReadAgainTheMastersBalanceWhenASlaveMoves() {
        assertEquals(EnumSet.of(Source.REQUESTS, Source.SILOS), Source.touchedBy("slave.allocated"));
        assertEquals(EnumSet.of(Source.SILOS), Source.touchedBy("master.disabled"));
    }

    @Test
    void shouldReadAgainImagesAndRolloutsOnTheirOwnEvents() {
        assertEquals(EnumSet.of(Source.IMAGE_HEALTH, Source.IMAGES), Source.touchedBy("image.version.suspect"));
        assertEquals(EnumSet.of(Source.ROLLOUTS), Source.touchedBy("rollout.halted"));
    }

    @Test
    void shouldReadNothingAgainForAZoneChange() {
        assertEquals(EnumSet.noneOf(Source.class), Source.touchedBy("dns.zone.changed"));
    }
}
