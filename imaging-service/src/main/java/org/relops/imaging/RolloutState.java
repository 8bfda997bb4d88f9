package org.relops.imaging;

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

    public boolean isRunning() {
        return this == FIRST_WAVE || this == SECOND_WAVE;
    }
}
