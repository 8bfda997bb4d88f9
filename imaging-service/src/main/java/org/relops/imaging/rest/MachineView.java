package org.relops.imaging.rest;

import java.time.OffsetDateTime;
import java.util.List;

import org.relops.imaging.Machine;
import org.relops.imaging.MachineState;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.provider.SimulatedProvider;
import org.relops.model.value.NetworkAttachment;

/**
 * A machine with its provisioning operations, newest last. {@code simulated} is true for machines of the
 * benchmark/test-only simulated provider: no guest runs for them. While it is DESTROYING,
 * {@code destroyAttempts} and {@code destroyError} say how destroying it went so far; a machine whose
 * provider wipes by booting it (bare metal) shows its wipe step: {@code wipeBoots} started, the last at
 * {@code wipeStartedAt}, and when it reported its volume zeroed ({@code wipedAt}, {@code wipedBytes}).
 */
public record MachineView(
        String hostname,
        String systemName,
        String provider,
        boolean simulated,
        NetworkAttachment network,
        String requestId,
        String appEnvironment,
        MachineState state,
        String address,
        Integer pinnedVersion,
        OffsetDateTime lastRefreshAt,
        Integer refreshVersion,
        OffsetDateTime updatedAt,
        int destroyAttempts,
        String destroyError,
        int wipeBoots,
        OffsetDateTime wipeStartedAt,
        OffsetDateTime wipedAt,
        Long wipedBytes,
        List<OperationView> operations) {

    static MachineView of(Machine machine) {
        return new MachineView(machine.hostname, machine.systemName, machine.provider,
                SimulatedProvider.KIND.equals(machine.provider), machine.network(), machine.requestId,
                machine.appEnvironment, machine.state, machine.address, machine.pinnedVersion, machine.lastRefreshAt,
                machine.refreshVersion, machine.updatedAt, machine.destroyAttempts, machine.destroyError,
                machine.wipeBoots, machine.wipeStartedAt, machine.wipedAt, machine.wipedBytes,
                ProvisioningOperation.listOf(machine.hostname).stream().map(OperationView::of).toList());
    }
}
