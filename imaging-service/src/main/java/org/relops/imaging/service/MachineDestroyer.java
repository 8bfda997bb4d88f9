package org.relops.imaging.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;
import org.relops.imaging.Machine;
import org.relops.imaging.MachineState;
import org.relops.imaging.provider.Provider;
import org.relops.imaging.provider.ProviderMachine;
import org.relops.imaging.provider.Providers;
import org.relops.model.event.MachineDestroyed;
import org.relops.support.consume.EventContext;
import org.relops.support.outbox.EventOutbox;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Destroys decommissioned (DESTROYING) machines through their provider, outside any transaction, and
 * only then records them DESTROYED and emits {@code machine.destroyed}: inventory frees a system on that
 * event, so it must never come before the machine is really gone. A failed attempt is retried with
 * backoff (the watchdog takes up due ones, and ones a crash interrupted).
 */
@ApplicationScoped
public class MachineDestroyer {

    private static final Logger LOG = Logger.getLogger(MachineDestroyer.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    @Inject
    Providers providers;

    @Inject
    MachineWork machines;

    @Inject
    BackgroundWork work;

    @Inject
    EventOutbox outbox;

    @Inject
    TransactionSynchronizationRegistry transactions;

    public void destroyAfterCommit(String hostname) {
        work.afterCommit(transactions, BackgroundWork.Lane.LAUNCH, "destroying " + hostname, () -> destroy(hostname));
    }

    /** The machines whose destruction is due: never tried since the decommission, or due for a retry. */
    public List<String> due() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return QuarkusTransaction.requiringNew().call(() -> Machine.<Machine>list("state", MachineState.DESTROYING)
                .stream().filter(machine -> machine.destroyNextAt == null || !machine.destroyNextAt.isAfter(now))
                .map(machine -> machine.hostname).filter(hostname -> !machines.isBusy(hostname)).toList());
    }

    /** Destroys the machine if it is (still) DESTROYING; records the outcome. */
    public void destroy(String hostname) {
        machines.exclusively(hostname, () -> {
            Optional<Target> target = QuarkusTransaction.requiringNew().call(() -> Machine.findByHostname(hostname)
                    .filter(machine -> machine.state == MachineState.DESTROYING)
                    .map(machine -> new Target(providers.find(machine.provider), machine.providerMachine(),
                            Boolean.TRUE.equals(machine.destroyWipe))));
            if (target.isEmpty()) {
                return;
            }
            boolean wiped;
            try {
                wiped = target.get().provider().map(provider -> provider.destroy(target.get().machine(),
                        target.get().wipe())).orElse(target.get().wipe());
            } catch (RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                QuarkusTransaction.requiringNew().run(() -> retryLater(hostname, reason));
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> destroyed(hostname, wiped));
        });
    }

    private void destroyed(String hostname, boolean wiped) {
        Machine machine = Machine.lockByHostname(hostname).orElseThrow();
        if (machine.state != MachineState.DESTROYING) {
            return;
        }
        machine.address = null;
        machine.destroyError = null;
        machine.destroyNextAt = null;
        machine.moveTo(MachineState.DESTROYED);
        outbox.emit(new MachineDestroyed(machine.destroyRequestId, hostname, machine.systemName, wiped),
                new EventContext(machine.destroyCauseEventId, null, null, machine.destroyCorrelationId, null));
        LOG.infof("%s destroyed (volumes %s)", hostname, wiped ? "wiped" : "kept");
    }

    private void retryLater(String hostname, String reason) {
        Machine machine = Machine.lockByHostname(hostname).orElseThrow();
        machine.destroyAttempts++;
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(machine.destroyAttempts - 1, 6));
        wait = wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
        machine.destroyNextAt = OffsetDateTime.now(ZoneOffset.UTC).plus(wait);
        machine.destroyError = reason;
        LOG.warnf("cannot destroy %s yet (attempt %d, next in %d s): %s", hostname, machine.destroyAttempts,
                wait.toSeconds(), reason);
    }

    /** What destroying a machine takes: its provider (none: nothing to destroy) and whether to wipe. */
    private record Target(Optional<Provider> provider, ProviderMachine machine, boolean wipe) {
    }
}
