package org.relops.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a system is in its life, from free through serving a machine to retired. */
public enum SystemState {
    /** In service and unused: placement may reserve it. */
    FREE,
    /** Reserved for one machine of a request; the machine is not being built yet. */
    RESERVED,
    /** Its machine is being put on it for the first time. */
    PROVISIONING,
    /** Its machine booted and runs. */
    READY,
    /** Its machine is being rebuilt with a (possibly new) image version. */
    REIMAGING,
    /** Its machine failed to provision or died. */
    FAILED,
    /** Taken out of placement until an operator looks at it. */
    QUARANTINED,
    /** Being taken out of service: its machine is going away. */
    DECOMMISSIONING,
    /** Out of service for good; kept for its history. */
    RETIRED;

    /** The lower-case name used in the API, the inventory file and events. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SystemState> fromLabel(String label) {
        return Arrays.stream(values()).filter(state -> state.label().equalsIgnoreCase(label)).findFirst();
    }
}
