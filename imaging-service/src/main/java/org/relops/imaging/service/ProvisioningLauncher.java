package org.relops.imaging.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;
import org.relops.imaging.Machine;
import org.relops.imaging.OperationState;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.network.DhcpServers;
import org.relops.imaging.provider.BootSpec;
import org.relops.imaging.provider.KernelBoot;
import org.relops.imaging.provider.Launch;
import org.relops.imaging.provider.Provider;
import org.relops.imaging.provider.ProviderMachine;
import org.relops.imaging.provider.Providers;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Asks a machine's provider to start it for a pending operation, and records what came of it: booted at
 * once, booting (waiting for the phone-home), or failed. Start, then observe: the operation is claimed in
 * one short transaction (LAUNCHING), the provider is called outside any transaction, and the outcome is
 * recorded in another, only if the operation still owns the machine then. While a launch runs, the watchdog of
 * the process running it renews its claim; a launch a crash interrupted stays LAUNCHING, its claim unrenewed, and
 * is taken up again by any replica's watchdog after {@code launch-deadline}; providers' launches are idempotent.
 */
@ApplicationScoped
public class ProvisioningLauncher {

    private static final Logger LOG = Logger.getLogger(ProvisioningLauncher.class);

    @Inject
    ImagingConfig config;

    @Inject
    Providers providers;

    @Inject
    MachineOutcomes outcomes;

    @Inject
    BackgroundWork work;

    @Inject
    MachineWork machines;

    @Inject
    DhcpServers dhcp;

    @Inject
    BootService boot;

    @Inject
    TransactionSynchronizationRegistry transactions;

    public void launchAfterCommit(UUID operationId) {
        work.afterCommit(transactions, BackgroundWork.Lane.LAUNCH, "launching operation " + operationId,
                () -> launch(operationId));
    }

    /** Launches the operation if it is still pending and still owns its machine; otherwise does nothing. */
    public void launch(UUID operationId) {
        launch(operationId, false);
    }

    /** Takes up a launch that was claimed but never recorded (the service died during it). */
    public void relaunch(UUID operationId) {
        launch(operationId, true);
    }

    private void launch(UUID operationId, boolean interrupted) {
        Optional<String> hostname = QuarkusTransaction.requiringNew().call(() -> ProvisioningOperation
                .findOperation(operationId).map(op -> op.hostname));
        hostname.ifPresent(host -> machines.exclusively(host, () -> launchExclusively(operationId, interrupted)));
    }

    private void launchExclusively(UUID operationId, boolean interrupted) {
        Optional<Claim> claim = QuarkusTransaction.requiringNew().call(() -> claim(operationId, interrupted));
        if (claim.isEmpty()) {
            return;
        }
        Provider provider = claim.get().provider();
        BootSpec spec = claim.get().spec();
        Launch launch = null;
        String failure = null;
        try {
            if (provider.netbootsOnSegment()) {
                dhcp.reserve(spec.network(), spec.hostname());
            }
            launch = provider.launch(spec);
        } catch (RuntimeException e) {
            stopQuietly(provider, spec.machine());
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        Launch launched = launch;
        String failed = failure;
        boolean handedOver = spec.kernelBoot().isPresent();
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> record(operationId, launched, failed,
                handedOver));
        if (!recorded) {
            // Superseded while launching (decommissioned, reimaged): whatever superseded it takes the machine on.
            LOG.infof("launch of %s for operation %s ended after the operation was superseded", spec.hostname(),
                    operationId);
        }
    }

    /** Moves a pending operation that still owns its machine to LAUNCHING; what to launch, if so. */
    private Optional<Claim> claim(UUID operationId, boolean interrupted) {
        ProvisioningOperation operation = ProvisioningOperation.findOperation(operationId).orElse(null);
        if (operation == null) {
            return Optional.empty();
        }
        Machine machine = Machine.lockByHostname(operation.hostname).orElseThrow();
        ProvisioningOperation.getEntityManager().refresh(operation);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Read again under the machine's lock: another replica may have taken the abandoned launch up just now.
        boolean claimable = operation.state == OperationState.PENDING || interrupted
                && operation.launchAbandonedBefore(now.minus(config.provisioning().launchDeadline()));
        if (!claimable || !operationId.equals(machine.currentOperationId) || machine.isDecommissioned()) {
            return Optional.empty();
        }
        Optional<Provider> provider = providers.find(operation.provider);
        if (provider.isEmpty()) {
            outcomes.failed(machine, operation, "imaging-service has no provider '" + operation.provider + "'");
            return Optional.empty();
        }
        Optional<KernelBoot> kernelBoot = Optional.empty();
        if (provider.get().bootsKernelDirectly()) {
            kernelBoot = boot.kernelBoot(operation);
            if (kernelBoot.isEmpty()) {
                outcomes.failed(machine, operation, "the store has no kernel or initramfs of " + operation.imageLabel()
                        + " (" + operation.imageDigest + ") to boot " + machine.hostname + " with");
                return Optional.empty();
            }
        }
        operation.moveTo(OperationState.LAUNCHING);
        operation.launchStartedAt = now;
        operation.launchRenewedAt = now;
        return Optional.of(new Claim(provider.get(), new BootSpec(operation.id, machine.providerMachine(),
                operation.imageName, operation.imageVersion, operation.imageDigest, operation.role, kernelBoot)));
    }

    /**
     * Records a launch's outcome if the operation still owns its machine; whether it did. A machine started from the
     * image's kernel directly got its image as a network boot gets it from its script: it counts as served.
     */
    private boolean record(UUID operationId, Launch launch, String failure, boolean kernelHandedOver) {
        ProvisioningOperation operation = ProvisioningOperation.findOperation(operationId).orElseThrow();
        Machine machine = Machine.lockByHostname(operation.hostname).orElseThrow();
        ProvisioningOperation.getEntityManager().refresh(operation);
        if (operation.state != OperationState.LAUNCHING || !operationId.equals(machine.currentOperationId)) {
            return false;
        }
        if (failure != null) {
            outcomes.failed(machine, operation, failure);
            return true;
        }
        operation.launchedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (kernelHandedOver && operation.scriptServedAt == null) {
            operation.scriptServedAt = operation.launchedAt;
        }
        if (launch instanceof Launch.Booted booted) {
            outcomes.booted(machine, operation, booted.address());
        } else {
            operation.moveTo(OperationState.BOOTING);
        }
        return true;
    }

    private static void stopQuietly(Provider provider, ProviderMachine machine) {
        try {
            provider.stop(machine);
        } catch (RuntimeException e) {
            // the launch failure is what matters; a half-started machine is destroyed again on decommission
        }
    }

    /** A claimed launch: the provider and what it is to start. */
    private record Claim(Provider provider, BootSpec spec) {
    }
}
