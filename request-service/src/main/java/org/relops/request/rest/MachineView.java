package org.relops.request.rest;

import java.time.OffsetDateTime;

import org.relops.request.Machine;
import org.relops.request.MachineState;

/** One machine of a request, as the API shows it. */
public record MachineView(
        String hostname,
        MachineState state,
        String fqdn,
        String address,
        String system,
        String imageVersion,
        String imageDigest,
        String master,
        String reason,
        OffsetDateTime stateChangedAt) {

    static MachineView of(Machine machine) {
        return new MachineView(machine.hostname, machine.state, machine.fqdn, machine.address, machine.systemName,
                machine.imageVersion, machine.imageDigest, machine.master, machine.reason, machine.stateChangedAt);
    }
}
