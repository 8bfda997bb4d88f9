package org.relops.imaging;

/** Where one machine of a staged rollout stands. */
public enum RolloutMachineState {
    /** In the second wave, not started yet (or never, when the rollout halted). */
    WAITING,
    /** Its reimage to the rollout's version is under way, or it has not been up long enough to count. */
    REIMAGING,
    /** It runs the rollout's version and stayed up. */
    HEALTHY,
    /** Its reimage failed, it died, or something else took it over; the reason says which. */
    FAILED
}
