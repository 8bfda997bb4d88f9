package org.relops.imaging.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.imaging.Machine;
import org.relops.imaging.OperationState;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.provider.Provider;
import org.relops.imaging.provider.ProviderMachine;
import org.relops.imaging.provider.Providers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Never waits on a machine forever: fails a booting machine that misses its phone-home deadline or
 * whose provider reports it dead (the reason is the provider's, e.g. its console tail), fails a booted
 * one that stopped its heartbeats or died, launches operations a crash left pending or interrupted, and
 * takes up destructions that are due. Providers are asked outside any transaction; what they say is
 * acted on only if the operation still owns its machine by then.
 */
@ApplicationScoped
public class ProvisioningWatchdog {

    @Inject
    ImagingConfig config;

    @Inject
    Providers providers;

    @Inject
    MachineOutcomes outcomes;

    @Inject
    ProvisioningLauncher launcher;

    @Inject
    MachineDestroyer destroyer;

    @Inject
    MachineWork machines;

    @Scheduled(every = "${relops.imaging.provisioning.watch-interval:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        for (Watched watched : watched(OperationState.BOOTING)) {
            checkBooting(watched);
        }
        for (Watched watched : watched(OperationState.BOOTED)) {
            checkBooted(watched);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime stale = now.minus(config.provisioning().pendingGrace());
        for (Watched watched : watched(OperationState.PENDING)) {
            if (watched.operation().createdAt.isBefore(stale)) {
                launcher.launch(watched.operation().id, watched.hostname());
            }
        }
        OffsetDateTime interrupted = now.minus(config.provisioning().launchDeadline());
        List<UUID> runningHere = new java.util.ArrayList<>();
        for (Watched watched : watched(OperationState.LAUNCHING)) {
            // A launch still running in this process is slow, not lost: its claim is renewed. One whose claim
            // nobody renewed for launch-deadline (its process died) is taken up, by whichever replica comes first.
            if (machines.isBusy(watched.hostname())) {
                runningHere.add(watched.operation().id);
            } else if (watched.operation().launchAbandonedBefore(interrupted)) {
                launcher.relaunch(watched.operation().id, watched.hostname());
            }
        }
        QuarkusTransaction.requiringNew().run(() -> ProvisioningOperation.renewLaunches(runningHere, now));
        for (String hostname : destroyer.due()) {
            destroyer.destroy(hostname);
        }
    }

    private List<Watched> watched(OperationState state) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ProvisioningOperation> operations = ProvisioningOperation.listInState(state);
            if (operations.isEmpty()) {
                return List.of();
            }
            // One query for all their machines, not one per operation: this runs every watch interval.
            java.util.Map<String, ProviderMachine> machinesByHostname = Machine.<Machine>list("hostname in ?1",
                    operations.stream().map(op -> op.hostname).toList()).stream()
                    .collect(java.util.stream.Collectors.toMap(machine -> machine.hostname, Machine::providerMachine));
            return operations.stream().map(op -> new Watched(op.hostname, op, providers.find(op.provider),
                    machinesByHostname.get(op.hostname))).toList();
        });
    }

    private void checkBooting(Watched watched) {
        Optional<Provider> provider = watched.provider();
        if (provider.isEmpty()) {
            return;
        }
        Optional<String> death = provider.get().failure(watched.machine());
        OffsetDateTime deadline = watched.operation().launchedAt == null ? null
                : watched.operation().launchedAt.plus(config.provisioning().bootDeadline());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean networkBooted = watched.operation().scriptServedAt != null;
        Optional<java.time.Duration> networkBootDeadline = provider.get().networkBootDeadline();
        if (death.isPresent()) {
            fail(watched, OperationState.BOOTING, death.get());
        } else if (!networkBooted && networkBootDeadline.isPresent() && watched.operation().launchedAt != null
                && now.isAfter(watched.operation().launchedAt.plus(networkBootDeadline.get()))) {
            fail(watched, OperationState.BOOTING, "never network-booted: it was started "
                    + networkBootDeadline.get().toSeconds() + " s ago and has not asked for its iPXE script (its"
                    + " firmware does not boot from the network, or DHCP on segment "
                    + watched.machine().network().segment() + " does not reach it)"
                    + provider.get().diagnosis(watched.machine()));
        } else if (deadline != null && now.isAfter(deadline)) {
            fail(watched, OperationState.BOOTING, "did not phone home within "
                    + config.provisioning().bootDeadline().toSeconds() + " s"
                    + (provider.get().netbootsOnSegment() && !networkBooted
                            ? " (it never asked for its iPXE script)" : "")
                    + provider.get().diagnosis(watched.machine()));
        }
    }

    private void checkBooted(Watched watched) {
        Optional<Provider> provider = watched.provider();
        if (provider.isEmpty()) {
            return;
        }
        Optional<String> death = provider.get().failure(watched.machine());
        if (death.isPresent()) {
            fail(watched, OperationState.BOOTED, death.get());
        } else if (provider.get().sendsHeartbeats()) {
            // The heartbeat time is read again at the decision: one may have come while the provider was asked.
            String silence = "sent no heartbeat for " + config.provisioning().heartbeatTimeout().toSeconds() + " s";
            failIfSilent(watched, silence + provider.get().diagnosis(watched.machine()));
        }
    }

    private void failIfSilent(Watched watched, String reason) {
        boolean failed = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Machine> machine = lockIfStill(watched, OperationState.BOOTED);
            if (machine.isEmpty()) {
                return false;
            }
            ProvisioningOperation operation = ProvisioningOperation.findOperation(watched.operation().id).orElseThrow();
            OffsetDateTime silentSince = operation.lastHeartbeatAt.plus(config.provisioning().heartbeatTimeout());
            if (!OffsetDateTime.now(ZoneOffset.UTC).isAfter(silentSince)) {
                return false;
            }
            outcomes.failed(machine.get(), operation, reason);
            return true;
        });
        if (failed) {
            stopFailed(watched);
        }
    }

    private void fail(Watched watched, OperationState expected, String reason) {
        boolean failed = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Machine> machine = lockIfStill(watched, expected);
            machine.ifPresent(m -> outcomes.failed(m, ProvisioningOperation.findOperation(watched.operation().id)
                    .orElseThrow(), reason));
            return machine.isPresent();
        });
        if (failed) {
            stopFailed(watched);
        }
    }

    /** Stops a failed machine (keeping its disk and console), unless a newer operation owns it by then. */
    private void stopFailed(Watched watched) {
        machines.exclusively(watched.hostname(), () -> {
            boolean stillFailed = QuarkusTransaction.requiringNew().call(() -> Machine
                    .findByHostname(watched.hostname())
                    .filter(machine -> watched.operation().id.equals(machine.currentOperationId)).isPresent());
            if (stillFailed) {
                watched.provider().ifPresent(provider -> provider.stop(watched.machine()));
            }
        });
    }

    /** The machine, locked, if the watched operation still owns it in the expected state. */
    private static Optional<Machine> lockIfStill(Watched watched, OperationState expected) {
        Machine machine = Machine.lockByHostname(watched.hostname()).orElse(null);
        ProvisioningOperation operation = ProvisioningOperation.findOperation(watched.operation().id).orElse(null);
        if (machine == null || operation == null || operation.state != expected
                || !operation.id.equals(machine.currentOperationId)) {
            return Optional.empty();
        }
        return Optional.of(machine);
    }

    /** An operation the watchdog looks at, as read before the provider is asked. */
    private record Watched(String hostname, ProvisioningOperation operation, Optional<Provider> provider,
            ProviderMachine machine) {
    }
}
