package org.relops.imaging;

import java.util.List;

/** Where a staged rollout stands. */
public enum RolloutState {
    /** Its first wave is being reimaged; the rest wait. */
    FIRST_WAVE,
    /** The first wave came up healthy; the rest are being reimaged. */
    SECOND_WAVE,
    /** Every machine was reimaged (some of the second wave may have failed). */
    COMPLETED,
    /** A machine of the first wave failed: the rest keep their version. */
    HALTED;

    /** The states in which a rollout keeps its version from being {@code latest}. */
    public static final List<RolloutState> HELD_BACK = List.of(FIRST_WAVE, SECOND_WAVE, HALTED);

    public boolean isRunning() {
        return this == FIRST_WAVE || this == SECOND_WAVE;
    }
}
