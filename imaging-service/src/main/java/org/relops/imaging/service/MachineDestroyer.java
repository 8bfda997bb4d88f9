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
import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.network.DhcpServers;
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
 * backoff (the watchdog takes up due ones, and ones a crash interrupted). A machine whose provider wipes by
 * booting it (bare metal) is first booted into its wipe step, and destroyed once it reports its volume wiped.
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

    @Inject
    ImagingConfig config;

    @Inject
    DhcpServers dhcp;

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
                            Boolean.TRUE.equals(machine.destroyWipe), WipeStep.of(machine))));
            if (target.isEmpty()) {
                return;
            }
            boolean byBooting = target.get().wipe()
                    && target.get().provider().map(Provider::wipesByBooting).orElse(false);
            if (byBooting && target.get().wipeStep().wipedAt() == null) {
                advanceWipeStep(hostname, target.get());
                return;
            }
            boolean wiped;
            try {
                wiped = target.get().provider().map(provider -> provider.destroy(target.get().machine(),
                        target.get().wipe() && !byBooting)).orElse(false) || byBooting;
            } catch (RuntimeException e) {
                QuarkusTransaction.requiringNew().run(() -> retryLater(hostname, reasonOf(e)));
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> destroyed(hostname, wiped));
        });
    }

    /**
     * The wipe step, until the machine reports its volume wiped: boots it (again, once the last boot's deadline
     * passed), or, once every boot allowed has passed its deadline unreported, destroys it with its volume
     * reported not wiped, so that the decommission ends.
     */
    private void advanceWipeStep(String hostname, Target target) {
        WipeStep step = target.wipeStep();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (step.startedAt() != null && step.startedAt().plus(config.wipe().deadline()).isAfter(now)) {
            return;
        }
        if (step.boots() >= config.wipe().attempts()) {
            String reason = "the wipe step was not reported within " + config.wipe().deadline().toMinutes()
                    + " min, " + step.boots() + " boots in a row";
            try {
                target.provider().orElseThrow().destroy(target.machine(), false);
            } catch (RuntimeException e) {
                QuarkusTransaction.requiringNew().run(() -> retryLater(hostname, reasonOf(e)));
                return;
            }
            LOG.errorf("%s: %s; destroyed with its volumes NOT wiped", hostname, reason);
            QuarkusTransaction.requiringNew().run(() -> destroyed(hostname, false));
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> startWipeBoot(hostname, now));
        try {
            target.provider().orElseThrow().bootWipeStep(target.machine());
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> {
                Machine machine = Machine.lockByHostname(hostname).orElseThrow();
                machine.wipeStartedAt = null;
                machine.wipeToken = null;
                retryLater(hostname, "cannot boot the wipe step: " + reasonOf(e));
            });
        }
    }

    private void startWipeBoot(String hostname, OffsetDateTime now) {
        Machine machine = Machine.lockByHostname(hostname).orElseThrow();
        machine.wipeToken = ProvisioningService.newToken();
        machine.wipeStartedAt = now;
        machine.wipeBoots++;
        // the watchdog looks again once this boot's deadline has passed; a report comes sooner and ends the wait
        machine.destroyNextAt = now.plus(config.wipe().deadline());
        LOG.infof("%s: booting its wipe step (boot %d of at most %d)", hostname, machine.wipeBoots,
                config.wipe().attempts());
    }

    /**
     * A machine's report of its wipe step: its volume is wiped (the given number of bytes zeroed). Refused unless
     * the machine is being destroyed with a wipe boot under way and the token is that boot's.
     */
    public boolean wiped(Machine machine, long bytes) {
        if (machine.wipedAt != null) {
            return false;
        }
        machine.wipedAt = OffsetDateTime.now(ZoneOffset.UTC);
        machine.wipedBytes = bytes;
        machine.wipeToken = null;
        machine.destroyNextAt = null;
        LOG.infof("%s reported its volume wiped (%d bytes zeroed)", machine.hostname, bytes);
        destroyAfterCommit(machine.hostname);
        return true;
    }

    private static String reasonOf(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void destroyed(String hostname, boolean wiped) {
        Machine machine = Machine.lockByHostname(hostname).orElseThrow();
        if (machine.state != MachineState.DESTROYING) {
            return;
        }
        dhcp.release(machine.network());
        machine.wipeToken = null;
        machine.address = null;
        machine.destroyError = null;
        machine.destroyNextAt = null;
        machine.moveTo(MachineState.DESTROYED);
        outbox.emit(new MachineDestroyed(machine.destroyRequestId, hostname, machine.systemName, wiped),
                EventContext.of(machine.destroyCauseEventId, machine.destroyCorrelationId, machine.destroyActor));
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

    /** What destroying a machine takes: its provider (none: nothing to destroy), whether to wipe, the wipe step. */
    private record Target(Optional<Provider> provider, ProviderMachine machine, boolean wipe, WipeStep wipeStep) {
    }

    /** How far a machine's wipe step is: its boots so far, when the last started, when the wipe was reported. */
    private record WipeStep(int boots, OffsetDateTime startedAt, OffsetDateTime wipedAt) {

        static WipeStep of(Machine machine) {
            return new WipeStep(machine.wipeBoots, machine.wipeStartedAt, machine.wipedAt);
        }
    }
}
