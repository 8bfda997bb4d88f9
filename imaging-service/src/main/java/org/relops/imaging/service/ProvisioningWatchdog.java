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
import org.relops.imaging.provider.Providers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Never waits on a machine forever: fails a booting machine that misses its phone-home deadline or
 * whose provider reports it dead (the reason is the provider's, e.g. its console tail), fails a booted
 * one that stopped its heartbeats or died, and launches operations a crash left pending.
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

    @Scheduled(every = "${relops.imaging.provisioning.watch-interval:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        for (UUID id : operationsIn(OperationState.BOOTING)) {
            QuarkusTransaction.requiringNew().run(() -> checkBooting(id));
        }
        for (UUID id : operationsIn(OperationState.BOOTED)) {
            QuarkusTransaction.requiringNew().run(() -> checkBooted(id));
        }
        OffsetDateTime stale = OffsetDateTime.now(ZoneOffset.UTC).minus(config.provisioning().pendingGrace());
        for (UUID id : operationsIn(OperationState.PENDING)) {
            boolean forgotten = QuarkusTransaction.requiringNew().call(() -> ProvisioningOperation
                    .findOperation(id).map(op -> op.createdAt.isBefore(stale)).orElse(false));
            if (forgotten) {
                launcher.launch(id);
            }
        }
    }

    private static List<UUID> operationsIn(OperationState state) {
        return QuarkusTransaction.requiringNew().call(() -> ProvisioningOperation.listInState(state).stream()
                .map(op -> op.id).toList());
    }

    private void checkBooting(UUID id) {
        withLockedOperation(id, OperationState.BOOTING, (machine, operation, provider) -> {
            Optional<String> death = provider.failure(machine.hostname);
            OffsetDateTime deadline = operation.launchedAt.plus(config.provisioning().bootDeadline());
            if (death.isPresent()) {
                fail(provider, machine, operation, death.get());
            } else if (OffsetDateTime.now(ZoneOffset.UTC).isAfter(deadline)) {
                fail(provider, machine, operation, "did not phone home within "
                        + config.provisioning().bootDeadline().toSeconds() + " s"
                        + provider.diagnosis(machine.hostname));
            }
        });
    }

    private void checkBooted(UUID id) {
        withLockedOperation(id, OperationState.BOOTED, (machine, operation, provider) -> {
            Optional<String> death = provider.failure(machine.hostname);
            OffsetDateTime silentSince = operation.lastHeartbeatAt.plus(config.provisioning().heartbeatTimeout());
            if (death.isPresent()) {
                fail(provider, machine, operation, death.get());
            } else if (provider.sendsHeartbeats() && OffsetDateTime.now(ZoneOffset.UTC).isAfter(silentSince)) {
                fail(provider, machine, operation, "sent no heartbeat for "
                        + config.provisioning().heartbeatTimeout().toSeconds() + " s"
                        + provider.diagnosis(machine.hostname));
            }
        });
    }

    private void fail(Provider provider, Machine machine, ProvisioningOperation operation, String reason) {
        outcomes.failed(machine, operation, reason);
        provider.stop(machine.hostname);
    }

    private void withLockedOperation(UUID id, OperationState expected, OperationCheck check) {
        ProvisioningOperation operation = ProvisioningOperation.findOperation(id).orElse(null);
        if (operation == null) {
            return;
        }
        Machine machine = Machine.lockByHostname(operation.hostname).orElse(null);
        ProvisioningOperation.getEntityManager().refresh(operation);
        if (machine == null || operation.state != expected || !id.equals(machine.currentOperationId)) {
            return;
        }
        providers.find(operation.provider).ifPresent(provider -> check.check(machine, operation, provider));
    }

    @FunctionalInterface
    private interface OperationCheck {
        void check(Machine machine, ProvisioningOperation operation, Provider provider);
    }
}
