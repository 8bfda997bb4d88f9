package org.relops.imaging.rest;

import java.time.OffsetDateTime;
import java.util.List;

import org.relops.imaging.Machine;
import org.relops.imaging.MachineState;
import org.relops.imaging.ProvisioningOperation;

/** A machine with its provisioning operations, newest last. */
public record MachineView(
        String hostname,
        String systemName,
        String provider,
        String mac,
        String requestId,
        String appEnvironment,
        MachineState state,
        String address,
        Integer pinnedVersion,
        OffsetDateTime lastRefreshAt,
        Integer refreshVersion,
        OffsetDateTime updatedAt,
        List<OperationView> operations) {

    static MachineView of(Machine machine) {
        return new MachineView(machine.hostname, machine.systemName, machine.provider, machine.mac, machine.requestId,
                machine.appEnvironment, machine.state, machine.address, machine.pinnedVersion, machine.lastRefreshAt,
                machine.refreshVersion, machine.updatedAt,
                ProvisioningOperation.listOf(machine.hostname).stream().map(OperationView::of).toList());
    }
}
