package org.relops.imaging.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

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
 * recorded in another, only if the operation still owns the machine then. The launches one transaction
 * commits are claimed and recorded in shares, up to {@code launch-batch} a transaction. While a launch runs, the watchdog of
 * the process running it renews its claim; a launch a crash interrupted stays LAUNCHING, its claim unrenewed, and
 * is taken up again by any replica's watchdog after {@code launch-deadline}; providers' launches are idempotent.
 */
@ApplicationScoped
public class ProvisioningLauncher {

    private static final Logger LOG = Logger.getLogger(ProvisioningLauncher.class);
    /** A launch that took longer than this is recorded at once rather than with the rest of its batch. */
    private static final long SLOW_LAUNCH_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50);

    /** The launches the current transaction will hand over when it commits (a transaction-scoped resource). */
    private static final Object COMMITTING = new Object();

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

    /**
     * Has the operation launched once the current transaction commits, together with the others that transaction
     * commits: they are split among the launch threads, each share (at most {@code launch-batch}) claimed and recorded
     * in one transaction.
     */
    public void launchAfterCommit(UUID operationId, String hostname) {
        @SuppressWarnings("unchecked")
        List<Waiting> committing = (List<Waiting>) transactions.getResource(COMMITTING);
        if (committing == null) {
            List<Waiting> launches = new ArrayList<>();
            transactions.putResource(COMMITTING, launches);
            work.afterCommit(transactions, () -> submitInShares(launches));
            committing = launches;
        }
        committing.add(new Waiting(operationId, hostname));
    }

    /** Launches the operation if it is still pending and still owns its machine; otherwise does nothing. */
    public void launch(UUID operationId, String hostname) {
        launchAll(List.of(new Waiting(operationId, hostname)), false);
    }

    /** Takes up a launch that was claimed but never recorded (the service died during it). */
    public void relaunch(UUID operationId, String hostname) {
        launchAll(List.of(new Waiting(operationId, hostname)), true);
    }

    private void submitInShares(List<Waiting> launches) {
        for (List<Waiting> share : LaunchShares.split(launches, BackgroundWork.Lane.LAUNCH.threads(),
                config.provisioning().launchBatch())) {
            work.submit(BackgroundWork.Lane.LAUNCH, "launching " + share.size() + " operation(s)",
                    () -> launchAll(share, false));
        }
    }

    /**
     * Launches a batch with its machines to itself in this process: claims them in one transaction, starts each
     * outside any, and records their outcomes together. A launch slower than a commit is recorded at once, so a slow
     * provider's machines are not held back by the rest of their batch.
     */
    private void launchAll(List<Waiting> batch, boolean interrupted) {
        machines.exclusively(batch.stream().map(Waiting::hostname).toList(), () -> {
            List<Claim> claims = inBatchOrEach(batch, "claiming", items -> claimAll(items, interrupted));
            List<Outcome> unrecorded = new ArrayList<>();
            for (Claim claim : claims) {
                long started = System.nanoTime();
                unrecorded.add(start(claim));
                if (System.nanoTime() - started >= SLOW_LAUNCH_NANOS) {
                    recordAll(unrecorded);
                    unrecorded.clear();
                }
            }
            recordAll(unrecorded);
        });
    }

    private Outcome start(Claim claim) {
        Provider provider = claim.provider();
        BootSpec spec = claim.spec();
        try {
            if (provider.netbootsOnSegment()) {
                dhcp.reserve(spec.network(), spec.hostname());
            }
            return new Outcome(claim, provider.launch(spec), null);
        } catch (RuntimeException e) {
            stopQuietly(provider, spec.machine());
            return new Outcome(claim, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private void recordAll(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        List<Outcome> superseded = inBatchOrEach(outcomes, "recording", this::recordEach);
        for (Outcome outcome : superseded) {
            // Superseded while launching (decommissioned, reimaged): whatever superseded it takes the machine on.
            LOG.infof("launch of %s for operation %s ended after the operation was superseded",
                    outcome.claim().spec().hostname(), outcome.claim().spec().operationId());
        }
    }

    /**
     * Runs the step for all items in one transaction; if that fails, for each item in a transaction of its own, so
     * that one item's error (logged) costs only that item. What the step returned, over all items.
     */
    private static <T, R> List<R> inBatchOrEach(List<T> items, String step, Function<List<T>, List<R>> work) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> work.apply(items));
        } catch (RuntimeException batchFailure) {
            if (items.size() == 1) {
                LOG.errorf(batchFailure, "%s a launch failed", step);
                return List.of();
            }
            List<R> results = new ArrayList<>();
            for (T item : items) {
                try {
                    results.addAll(QuarkusTransaction.requiringNew().call(() -> work.apply(List.of(item))));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "%s a launch failed", step);
                }
            }
            return results;
        }
    }

    private List<Claim> claimAll(List<Waiting> batch, boolean interrupted) {
        // The machines' rows first, in hostname order (batches never wait on each other in a cycle); every operation
        // is read after, under its machine's lock: another replica may have taken an abandoned launch up just now.
        Machine.lockAll(batch.stream().map(Waiting::hostname).toList());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Claim> claims = new ArrayList<>();
        for (Waiting item : batch) {
            claim(item.operationId(), interrupted, now).ifPresent(claims::add);
        }
        return claims;
    }

    /** Records each outcome whose operation still owns its machine; the outcomes that were superseded. */
    private List<Outcome> recordEach(List<Outcome> outcomes) {
        Machine.lockAll(outcomes.stream().map(outcome -> outcome.claim().spec().hostname()).toList());
        List<Outcome> superseded = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (!record(outcome)) {
                superseded.add(outcome);
            }
        }
        return superseded;
    }

    /**
     * Moves a pending operation that still owns its machine to LAUNCHING; what to launch, if so. Its machine's row
     * must be locked.
     */
    private Optional<Claim> claim(UUID operationId, boolean interrupted, OffsetDateTime now) {
        ProvisioningOperation operation = ProvisioningOperation.findOperation(operationId).orElse(null);
        if (operation == null) {
            return Optional.empty();
        }
        Machine machine = Machine.lockByHostname(operation.hostname).orElseThrow();
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
     * image's kernel directly got its image as a network boot gets it from its script: it counts as served. Its
     * machine's row must be locked.
     */
    private boolean record(Outcome outcome) {
        UUID operationId = outcome.claim().spec().operationId();
        Launch launch = outcome.launch();
        String failure = outcome.failure();
        boolean kernelHandedOver = outcome.claim().spec().kernelBoot().isPresent();
        ProvisioningOperation operation = ProvisioningOperation.findOperation(operationId).orElseThrow();
        Machine machine = Machine.lockByHostname(operation.hostname).orElseThrow();
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

    /** A committed operation waiting for its launch. */
    private record Waiting(UUID operationId, String hostname) {
    }

    /** A claimed launch: the provider and what it is to start. */
    private record Claim(Provider provider, BootSpec spec) {
    }

    /** What a claimed launch came to: the provider's answer, or why it failed. */
    private record Outcome(Claim claim, Launch launch, String failure) {
    }
}
