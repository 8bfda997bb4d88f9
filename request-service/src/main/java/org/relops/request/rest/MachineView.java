package org.relops.request.rest;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.relops.request.Machine;
import org.relops.request.MachineState;
import org.relops.request.service.ProgressNarrator;

/** One machine of a request, as the API shows it: where it is, what it waits for, since when. */
public record MachineView(
        String hostname,
        String requestId,
        MachineState state,
        String step,
        long secondsInState,
        String fqdn,
        String address,
        String systemName,
        Integer imageVersion,
        String imageDigest,
        String master,
        String role,
        String webUrl,
        int replacements,
        String lastError,
        OffsetDateTime stateChangedAt) {

    static MachineView of(Machine machine) {
        return new MachineView(machine.hostname, machine.request.id, machine.state, ProgressNarrator.stepOf(machine),
                secondsSince(machine.stateChangedAt), machine.fqdn, machine.address, machine.systemName,
                ImageVersionNumber.of(machine.imageVersion), machine.imageDigest, machine.master, machine.role, machine.webUrl,
                machine.replacements, machine.reason,
                machine.stateChangedAt);
    }

    static long secondsSince(OffsetDateTime time) {
        return Duration.between(time, OffsetDateTime.now(ZoneOffset.UTC)).toSeconds();
    }
}
