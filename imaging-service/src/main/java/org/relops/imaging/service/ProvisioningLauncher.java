package org.relops.imaging.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.relops.imaging.Machine;
import org.relops.imaging.OperationState;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.network.DhcpServers;
import org.relops.imaging.provider.BootSpec;
import org.relops.imaging.provider.Launch;
import org.relops.imaging.provider.Provider;
import org.relops.imaging.provider.Providers;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Asks a machine's provider to start it for a pending operation, with the machine's row locked, and
 * records what came of it: booted at once, booting (waiting for the phone-home), or failed.
 */
@ApplicationScoped
public class ProvisioningLauncher {

    @Inject
    Providers providers;

    @Inject
    MachineOutcomes outcomes;

    @Inject
    BackgroundWork work;

    @Inject
    DhcpServers dhcp;

    @Inject
    TransactionSynchronizationRegistry transactions;

    public void launchAfterCommit(UUID operationId) {
        work.afterCommit(transactions, BackgroundWork.Lane.LAUNCH, "launching operation " + operationId,
                () -> launch(operationId));
    }

    /** Launches the operation if it is still pending and still owns its machine; otherwise does nothing. */
    public void launch(UUID operationId) {
        Optional<String> failedToRecord = QuarkusTransaction.requiringNew().call(() -> launchLocked(operationId));
        failedToRecord.ifPresent(reason -> QuarkusTransaction.requiringNew().run(() -> fail(operationId, reason)));
    }

    private Optional<String> launchLocked(UUID operationId) {
        ProvisioningOperation operation = ProvisioningOperation.findOperation(operationId).orElse(null);
        if (operation == null) {
            return Optional.empty();
        }
        Machine machine = Machine.lockByHostname(operation.hostname).orElseThrow();
        ProvisioningOperation.getEntityManager().refresh(operation);
        if (operation.state != OperationState.PENDING || !operationId.equals(machine.currentOperationId)) {
            return Optional.empty();
        }
        Provider provider = providers.find(operation.provider).orElseThrow();
        Launch launch;
        try {
            if (provider.netbootsOnSegment()) {
                dhcp.reserve(machine.network(), machine.hostname);
            }
            launch = provider.launch(new BootSpec(operation.id, machine.hostname, machine.systemName,
                    machine.network(), machine.providerIdentity, operation.imageName, operation.imageVersion,
                    operation.imageDigest, operation.role));
        } catch (RuntimeException e) {
            stopQuietly(provider, machine.hostname);
            return Optional.of(describe(e));
        }
        operation.launchedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (launch instanceof Launch.Booted booted) {
            outcomes.booted(machine, operation, booted.address());
        } else {
            operation.state = OperationState.BOOTING;
        }
        return Optional.empty();
    }

    private void fail(UUID operationId, String reason) {
        ProvisioningOperation operation = ProvisioningOperation.findOperation(operationId).orElseThrow();
        Machine machine = Machine.lockByHostname(operation.hostname).orElseThrow();
        if (operation.state == OperationState.PENDING && operationId.equals(machine.currentOperationId)) {
            outcomes.failed(machine, operation, reason);
        }
    }

    private static void stopQuietly(Provider provider, String hostname) {
        try {
            provider.stop(hostname);
        } catch (RuntimeException e) {
            // the launch failure is what matters; a half-started machine is destroyed again on decommission
        }
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
