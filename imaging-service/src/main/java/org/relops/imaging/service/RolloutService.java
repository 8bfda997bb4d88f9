package org.relops.imaging.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.imaging.Image;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.Machine;
import org.relops.imaging.MachineState;
import org.relops.imaging.OperationKind;
import org.relops.imaging.OperationState;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.Rollout;
import org.relops.imaging.RolloutMachine;
import org.relops.imaging.RolloutMachineState;
import org.relops.imaging.RolloutState;
import org.relops.imaging.config.ImagingConfig;
import org.relops.model.event.RolloutAdvanced;
import org.relops.model.event.RolloutCompleted;
import org.relops.model.event.RolloutHalted;
import org.relops.model.event.RolloutStarted;
import org.relops.support.audit.AuditTrail;
import org.relops.support.auth.CurrentCaller;
import org.relops.support.consume.EventContext;
import org.relops.support.outbox.EventOutbox;
import org.relops.support.rest.ApiEnums;
import org.relops.support.rest.ProblemException;

/**
 * Staged rollouts of an image version to the machines that run an older version of it: reimages the
 * first {@code firstPercent}, waits until each of them is up with the new version and stayed up for
 * {@code rollouts.healthy-after}, then reimages the rest; halts, leaving the rest alone, when one of the
 * first wave fails. All state is in the database, so a rollout goes on after a restart, on any replica.
 */
@ApplicationScoped
public class RolloutService {

    private static final Logger LOG = Logger.getLogger(RolloutService.class);

    @Inject
    ImageCatalogue catalogue;

    @Inject
    ProvisioningService provisioning;

    @Inject
    EventOutbox outbox;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditTrail audit;

    @Inject
    ImagingConfig config;

    /** Records a rollout of a version ({@code null}: the newest built one) and reimages its first wave. */
    @Transactional
    public Rollout start(String imageName, Integer imageVersion, String appEnvironment, int firstPercent) {
        Image image = Image.findByName(imageName)
                .orElseThrow(() -> ProblemException.notFound("no image '" + imageName + "'"));
        // One rollout per image at a time: creating one holds the image's row.
        Image.getEntityManager().lock(image, LockModeType.PESSIMISTIC_WRITE);
        String versionText = imageVersion == null ? ImageCatalogue.LATEST : imageVersion.toString();
        ImageVersion version = catalogue.resolveBootable(imageName, versionText)
                .orElseThrow(() -> ProblemException.unprocessable("image " + imageName + " has no built version '"
                        + versionText + "'"));
        Rollout.findRunning(imageName).ifPresent(running -> {
            throw ProblemException.conflict("rollout " + running.id + " of " + running.label() + " is still "
                    + ApiEnums.name(running.state));
        });
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Rollout rollout = new Rollout();
        rollout.id = UUID.randomUUID();
        rollout.imageName = imageName;
        rollout.imageVersion = version.number;
        rollout.imageDigest = version.digest;
        rollout.appEnvironment = appEnvironment;
        rollout.firstPercent = firstPercent;
        rollout.state = RolloutState.FIRST_WAVE;
        rollout.createdAt = now;
        rollout.updatedAt = now;
        rollout.startedBy = caller.name().orElse(null);
        rollout.persist();
        audit.record("image/" + imageName + "/rollouts/" + rollout.id, "started", "version " + version.number
                + (appEnvironment == null ? "" : " in " + appEnvironment) + ", first wave " + firstPercent + "%");

        List<Machine> older = machinesOnOlderVersions(imageName, version.number, appEnvironment);
        int firstWave = older.isEmpty() ? 0 : Math.max(1, (older.size() * firstPercent + 99) / 100);
        List<String> first = new ArrayList<>();
        for (int i = 0; i < older.size(); i++) {
            Machine machine = older.get(i);
            RolloutMachine member = new RolloutMachine();
            member.rolloutId = rollout.id;
            member.hostname = machine.hostname;
            member.wave = i < firstWave ? 1 : 2;
            member.fromVersion = ProvisioningService.currentOperation(machine).orElseThrow().imageVersion;
            member.moveTo(RolloutMachineState.WAITING, null);
            member.persist();
            if (member.wave == 1) {
                reimage(rollout, member, version);
                first.add(machine.hostname);
            }
        }
        outbox.emit(new RolloutStarted(null, rollout.id.toString(), imageName, String.valueOf(version.number),
                appEnvironment, firstPercent, first, older.size()), byStarter(rollout));
        LOG.infof("rollout %s of %s: %d of %d machines first", rollout.id, version.label(), first.size(),
                older.size());
        if (older.isEmpty()) {
            complete(rollout, List.of(), "no machine runs an older version of " + imageName);
        }
        return rollout;
    }

    /**
     * Looks at how the current wave's reimages went and moves the rollout on: halted, second wave, or
     * completed. Does nothing when the rollout ended or another replica is at it.
     */
    @Transactional
    public void advance(UUID rolloutId) {
        Optional<Rollout> locked = Rollout.lockIfRunningAndFree(rolloutId);
        if (locked.isEmpty()) {
            return;
        }
        Rollout rollout = locked.get();
        List<RolloutMachine> members = RolloutMachine.listOf(rollout.id);
        members.stream().filter(m -> m.state == RolloutMachineState.REIMAGING).forEach(m -> observe(rollout, m));
        int wave = rollout.state == RolloutState.FIRST_WAVE ? 1 : 2;
        List<RolloutMachine> current = members.stream().filter(m -> m.wave == wave).toList();
        if (current.stream().anyMatch(m -> m.state == RolloutMachineState.REIMAGING)) {
            return;
        }
        List<RolloutMachine> failed = current.stream().filter(m -> m.state == RolloutMachineState.FAILED).toList();
        if (wave == 1 && !failed.isEmpty()) {
            halt(rollout, failed);
        } else if (wave == 1) {
            startSecondWave(rollout, members.stream().filter(m -> m.wave == 2).toList());
        } else {
            complete(rollout, failed.stream().map(m -> m.hostname).toList(), failed.isEmpty() ? null
                    : failed.size() + " of the second wave failed");
        }
    }

    private void startSecondWave(Rollout rollout, List<RolloutMachine> rest) {
        ImageVersion version = ImageVersion.findVersion(rollout.imageName, rollout.imageVersion).orElseThrow();
        for (RolloutMachine member : rest) {
            reimage(rollout, member, version);
        }
        rollout.moveTo(RolloutState.SECOND_WAVE, null);
        outbox.emit(new RolloutAdvanced(null, rollout.id.toString(), rollout.imageName,
                String.valueOf(rollout.imageVersion), rest.stream().map(m -> m.hostname).toList()), byStarter(rollout));
        LOG.infof("rollout %s of %s: first wave healthy, reimaging the other %d", rollout.id, rollout.label(),
                rest.size());
        if (rest.isEmpty()) {
            complete(rollout, List.of(), null);
        }
    }

    private void halt(Rollout rollout, List<RolloutMachine> failed) {
        String reason = "first wave failed: " + String.join("; ", failed.stream()
                .map(m -> m.hostname + ": " + firstLine(m.reason)).toList());
        rollout.moveTo(RolloutState.HALTED, reason);
        outbox.emit(new RolloutHalted(null, rollout.id.toString(), rollout.imageName,
                String.valueOf(rollout.imageVersion), failed.stream().map(m -> m.hostname).toList(), reason), byStarter(rollout));
        LOG.warnf("rollout %s of %s halted: %s", rollout.id, rollout.label(), reason);
    }

    private void complete(Rollout rollout, List<String> failed, String reason) {
        rollout.moveTo(RolloutState.COMPLETED, reason);
        int machines = (int) RolloutMachine.count("rolloutId", rollout.id);
        outbox.emit(new RolloutCompleted(null, rollout.id.toString(), rollout.imageName,
                String.valueOf(rollout.imageVersion), machines, failed), byStarter(rollout));
        LOG.infof("rollout %s of %s completed (%d machines, %d failed)", rollout.id, rollout.label(), machines,
                failed.size());
    }

    /** Events of a rollout are in the name of whoever started it, whichever wave or timer causes them. */
    private static EventContext byStarter(Rollout rollout) {
        return EventContext.of(null, null, rollout.startedBy);
    }

    private void reimage(Rollout rollout, RolloutMachine member, ImageVersion version) {
        Machine machine = Machine.lockByHostname(member.hostname).orElseThrow();
        if (machine.isDecommissioned()) {
            member.moveTo(RolloutMachineState.FAILED, "decommissioned before its reimage");
            return;
        }
        if (machine.pinnedVersion != null) {
            // The operator rolled this version out on purpose: a later reboot must not go back to the old pin.
            machine.pinnedVersion = version.number;
        }
        member.operationId = provisioning.restart(machine, OperationKind.ROLLOUT, version, rollout.startedBy).id;
        member.moveTo(RolloutMachineState.REIMAGING, null);
    }

    /** Follows a reimaging machine: healthy once up with the new version for long enough, failed if not. */
    private void observe(Rollout rollout, RolloutMachine member) {
        Machine machine = Machine.findByHostname(member.hostname).orElseThrow();
        if (machine.isDecommissioned()) {
            member.moveTo(RolloutMachineState.FAILED, "decommissioned during the rollout");
            return;
        }
        ProvisioningOperation op = ProvisioningService.currentOperation(machine).orElseThrow();
        if (!op.id.equals(member.operationId)) {
            if (op.imageVersion != rollout.imageVersion) {
                member.moveTo(RolloutMachineState.FAILED, "taken over by a " + op.kind + " to " + op.imageLabel());
                return;
            }
            // e.g. a slave rebooted meanwhile and booted the same (newest) version again: follow that boot
            member.operationId = op.id;
        }
        OffsetDateTime healthySince = OffsetDateTime.now(ZoneOffset.UTC).minus(config.rollouts().healthyAfter());
        if (op.state == OperationState.FAILED || op.state == OperationState.CANCELLED) {
            member.moveTo(RolloutMachineState.FAILED, op.reason);
        } else if (op.state == OperationState.BOOTED && op.imageDigest.equals(rollout.imageDigest)
                && !op.bootedAt.isAfter(healthySince)) {
            member.moveTo(RolloutMachineState.HEALTHY, null);
        }
    }

    private static List<Machine> machinesOnOlderVersions(String imageName, int version, String appEnvironment) {
        String query = "select m from Machine m, ProvisioningOperation o where o.id = m.currentOperationId"
                + " and o.imageName = ?1 and o.imageVersion < ?2 and o.state = ?3 and m.state = ?4"
                + (appEnvironment == null ? "" : " and m.appEnvironment = ?5") + " order by m.hostname";
        var typed = Machine.getEntityManager().createQuery(query, Machine.class)
                .setParameter(1, imageName).setParameter(2, version)
                .setParameter(3, OperationState.BOOTED).setParameter(4, MachineState.BOOTED);
        if (appEnvironment != null) {
            typed.setParameter(5, appEnvironment);
        }
        return typed.getResultList();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "failed";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
