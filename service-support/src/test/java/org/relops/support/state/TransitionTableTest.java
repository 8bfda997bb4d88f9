package org.relops.support.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransitionTableTest {

    enum Light { RED, GREEN, BROKEN }

    private static final TransitionTable<Light> LIGHTS = TransitionTable.of("light", Light.class)
            .from(Light.RED, Light.GREEN, Light.BROKEN)
            .from(Light.GREEN, Light.RED, Light.BROKEN)
            .from(Light.BROKEN)
            .build();

    @Test
    void shouldAllowListedTransitionsStayingPutAndAFirstState() {
        LIGHTS.check("l1", Light.RED, Light.GREEN);
        LIGHTS.check("l1", Light.BROKEN, Light.BROKEN);
        LIGHTS.check("l1", null, Light.RED);
        assertTrue(LIGHTS.allows(Light.GREEN, Light.BROKEN));
    }

    @Test
    void shouldRefuseAnUnlistedTransitionSayingWhatIsAllowed() {
        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> LIGHTS.check("l1", Light.BROKEN, Light.GREEN));
        assertEquals("light l1 cannot go from BROKEN to GREEN (from BROKEN it may go to nothing: it is final)",
                refused.getMessage());
    }

    @Test
    void shouldRefuseATableThatLeavesAStateOut() {
        IllegalStateException incomplete = assertThrows(IllegalStateException.class,
                () -> TransitionTable.of("light", Light.class).from(Light.RED, Light.GREEN).build());
        assertTrue(incomplete.getMessage().contains("no entry for GREEN"), incomplete.getMessage());
    }
}
