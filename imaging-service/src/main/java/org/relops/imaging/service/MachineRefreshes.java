package org.relops.imaging.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.Recipe;
import org.relops.imaging.Machine;
import org.relops.imaging.MachineState;
import org.relops.imaging.OperationKind;
import org.relops.imaging.OperationState;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.build.Sha256;
import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.provider.Provider;
import org.relops.imaging.provider.Providers;
import org.relops.model.event.MachineRefreshStarted;
import org.relops.model.event.MachineRefreshed;
import org.relops.support.outbox.EventOutbox;
import org.relops.support.rest.ProblemException;

/**
 * Periodic refreshes of machines whose role's policy is periodic (masters). A due machine gets its
 * image's newest version (or its pinned one): incrementally when the base is unchanged (its boot agent is
 * told at its next heartbeat to fetch the new initramfs and re-apply the role, no reboot), else by a
 * pave-over (a full network-boot reimage); a machine already on that version is left as it is. An agent that does not report the incremental refresh within
 * {@code refresh.incremental-deadline} is paved over.
 */
@ApplicationScoped
public class MachineRefreshes {

    private static final Logger LOG = Logger.getLogger(MachineRefreshes.class);

    @Inject
    ImagingConfig config;

    @Inject
    ReimagePolicy policy;

    @Inject
    ImageCatalogue catalogue;

    @Inject
    ProvisioningService provisioning;

    @Inject
    Providers providers;

    @Inject
    ArtifactStore artifacts;

    @Inject
    EventOutbox outbox;

    /** Booted machines whose running role is refreshed periodically. */
    @Transactional
    public List<String> periodicMachines() {
        List<Object[]> rows = Machine.getEntityManager().createQuery("select m.hostname, o.role from Machine m,"
                + " ProvisioningOperation o where o.id = m.currentOperationId and o.state = ?1 and m.state = ?2",
                Object[].class).setParameter(1, OperationState.BOOTED).setParameter(2, MachineState.BOOTED)
                .getResultList();
        return rows.stream().filter(row -> policy.refreshPeriodOf((String) row[1]).isPresent())
                .map(row -> (String) row[0]).toList();
    }

    /** Starts the machine's refresh if it is due; skips a machine another transaction holds. */
    @Transactional
    public void refreshIfDue(String hostname) {
        Machine machine = Machine.lockIfFree(hostname).filter(m -> m.state == MachineState.BOOTED).orElse(null);
        ProvisioningOperation op = machine == null ? null : ProvisioningService.currentOperation(machine)
                .filter(o -> o.state == OperationState.BOOTED).orElse(null);
        Optional<Duration> period = op == null ? Optional.empty() : policy.refreshPeriodOf(op.role);
        if (period.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (machine.refreshVersion != null) {
            Duration deadline = config.refresh().incrementalDeadline();
            if (now.isAfter(machine.refreshRequestedAt.plus(deadline))) {
                ImageVersion wanted = ImageVersion.findVersion(op.imageName, machine.refreshVersion).orElseThrow();
                paveOver(machine, op, wanted, "the incremental refresh to " + wanted.label()
                        + " was not reported within " + deadline.toSeconds() + " s");
            }
            return;
        }
        OffsetDateTime since = machine.lastRefreshAt == null || op.bootedAt.isAfter(machine.lastRefreshAt)
                ? op.bootedAt : machine.lastRefreshAt;
        if (!ReimagePolicy.refreshDue(since, period.get(), now)) {
            return;
        }
        ImageVersion running = ImageVersion.findVersion(op.imageName, op.imageVersion).orElseThrow();
        ImageVersion newest = catalogue.newestFor(machine, op.imageName).orElse(running);
        machine.lastRefreshAt = now;
        if (newest.number == running.number) {
            // already on its target: a refresh would only re-apply the same role, at a cost the guest pays
            return;
        }
        if (ReimagePolicy.refreshKind(running, newest) == ReimagePolicy.RefreshKind.PAVE_OVER) {
            paveOver(machine, op, newest, "the base changed: " + running.label() + " and " + newest.label()
                    + " pin different kernel, busybox or SSH server packages");
            return;
        }
        announce(machine, op, newest, ReimagePolicy.RefreshKind.INCREMENTAL, "the base is unchanged");
        if (providers.find(machine.provider).map(Provider::sendsHeartbeats).orElse(false)) {
            machine.refreshVersion = newest.number;
            machine.refreshRequestedAt = now;
        } else {
            // no boot agent runs there (a simulated machine runs no guest): nothing to re-apply but the record
            applied(machine, op, newest);
        }
    }

    /**
     * What a booted machine's heartbeat reply tells its agent: {@code refresh <digest hex> <sha256>}, where the
     * sha256 is that of the artifact the agent fetches to re-apply the role: a real image's {@code role.tar}
     * (the snapshot it runs {@code puppet apply} with), a netboot image's {@code initrd.img}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> instructionFor(Machine machine, ProvisioningOperation op) {
        if (machine.refreshVersion == null) {
            return Optional.empty();
        }
        ImageVersion version = ImageVersion.findVersion(op.imageName, machine.refreshVersion).orElseThrow();
        String artifact = version.recipe == Recipe.ROOTFS ? "role.tar" : "initrd.img";
        return artifacts.find(version.digest, artifact).map(file -> "refresh "
                + version.digest.substring("sha256:".length()) + " " + Sha256.of(file));
    }

    /** The agent re-applied the role of the version it was told to: the machine runs that version now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reported(Machine machine, ProvisioningOperation op, String digest) {
        if (machine.refreshVersion == null) {
            throw ProblemException.conflict(machine.hostname + " has no refresh under way");
        }
        ImageVersion version = ImageVersion.findVersion(op.imageName, machine.refreshVersion).orElseThrow();
        if (!version.digest.equals(digest)) {
            throw ProblemException.unprocessable(machine.hostname + " applied " + digest + " instead of "
                    + version.digest + " (" + version.label() + ")");
        }
        applied(machine, op, version);
    }

    private void applied(Machine machine, ProvisioningOperation op, ImageVersion version) {
        op.imageVersion = version.number;
        op.imageDigest = version.digest;
        op.role = version.role;
        machine.refreshVersion = null;
        machine.refreshRequestedAt = null;
        outbox.emit(new MachineRefreshed(machine.requestId, machine.hostname, machine.systemName, version.imageName,
                String.valueOf(version.number), version.digest, ReimagePolicy.RefreshKind.INCREMENTAL.label()));
        LOG.infof("%s refreshed in place to %s", machine.hostname, version.label());
    }

    private void paveOver(Machine machine, ProvisioningOperation op, ImageVersion version, String why) {
        announce(machine, op, version, ReimagePolicy.RefreshKind.PAVE_OVER, why);
        provisioning.restart(machine, OperationKind.REFRESH, version);
    }

    private void announce(Machine machine, ProvisioningOperation op, ImageVersion to, ReimagePolicy.RefreshKind kind,
            String why) {
        outbox.emit(new MachineRefreshStarted(machine.requestId, machine.hostname, machine.systemName, op.imageName,
                String.valueOf(op.imageVersion), String.valueOf(to.number), kind.label(), why));
        LOG.infof("refreshing %s from %s to %s (%s): %s", machine.hostname, op.imageLabel(), to.label(), kind.label(),
                why);
    }
}
