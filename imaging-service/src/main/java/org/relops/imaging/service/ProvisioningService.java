package org.relops.imaging.service;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.Machine;
import org.relops.imaging.MachineState;
import org.relops.imaging.OperationKind;
import org.relops.imaging.OperationState;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.config.ReimageMode;
import org.relops.imaging.network.DhcpServers;
import org.relops.imaging.provider.Provider;
import org.relops.imaging.provider.Providers;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.MachineProvisioning;
import org.relops.support.audit.AuditTrail;
import org.relops.support.auth.CurrentCaller;
import org.relops.support.consume.EventContext;
import org.relops.support.outbox.EventOutbox;
import org.relops.support.rest.ProblemException;

/**
 * Starts and ends machines: records a provisioning operation for each reserved host (and emits
 * {@code machine.provisioning}), hands it to the launcher once committed, and destroys machines on
 * decommission (always answering {@code machine.destroyed}).
 */
@ApplicationScoped
public class ProvisioningService {

    private static final Logger LOG = Logger.getLogger(ProvisioningService.class);
    private static final SecureRandom TOKENS = new SecureRandom();

    @Inject
    EventOutbox outbox;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Providers providers;

    @Inject
    ImageCatalogue catalogue;

    @Inject
    ProvisioningLauncher launcher;

    @Inject
    DhcpServers dhcp;

    @Inject
    MachineDestroyer destroyer;

    @Inject
    ReimagePolicy policy;

    @Transactional(Transactional.TxType.MANDATORY)
    public void provision(HostReserved reserved, EventContext cause) {
        Optional<Provider> provider = providers.find(reserved.provider());
        if (provider.isEmpty()) {
            refuse(reserved, cause, "imaging-service has no provider '" + reserved.provider() + "' (it has "
                    + providers.kinds() + ")");
            return;
        }
        Optional<ImageVersion> version = catalogue.resolveBootableOncePerTransaction(reserved.image(),
                reserved.imageVersion());
        if (version.isEmpty()) {
            refuse(reserved, cause, "image " + reserved.image() + ":"
                    + (reserved.imageVersion() == null ? ImageCatalogue.LATEST : reserved.imageVersion())
                    + " has no built version to boot");
            return;
        }
        Machine machine = Machine.lockByHostname(reserved.hostname()).orElseGet(() -> newMachine(reserved));
        if (machine.state == MachineState.DESTROYING) {
            // Not poison: the destruction under way ends within seconds, and the redelivery goes ahead then.
            throw new IllegalStateException(reserved.hostname() + " is still being destroyed; try again later");
        }
        Optional<ProvisioningOperation> current = currentOperation(machine).filter(op -> op.state.isActive());
        if (current.isPresent()) {
            if (!java.util.Objects.equals(current.get().requestId, reserved.requestId())) {
                refuse(reserved, cause, reserved.hostname() + " is already provisioned for request "
                        + current.get().requestId);
            } else {
                LOG.infof("%s is already being provisioned for request %s; nothing to do", reserved.hostname(),
                        reserved.requestId());
            }
            return;
        }
        machine.systemName = reserved.systemName();
        machine.provider = reserved.provider();
        if (machine.mac != null && !machine.network().equals(reserved.network())) {
            // A replacement on another system: the old system's NIC loses its lease.
            dhcp.release(machine.network());
        }
        machine.attachTo(reserved.network());
        machine.providerIdentity = reserved.providerIdentity();
        machine.requestId = reserved.requestId();
        machine.appEnvironment = reserved.appEnvironment();
        machine.pinnedVersion = pins(reserved.imageVersion()) ? version.get().number : null;
        ProvisioningOperation operation = start(machine, OperationKind.PROVISION, version.get(),
                cause.eventId(), cause.correlationId(), cause.actor());
        outbox.emit(new MachineProvisioning(reserved.requestId(), machine.hostname, machine.systemName,
                operation.imageName, String.valueOf(operation.imageVersion), operation.imageDigest), cause);
    }

    /** Records a new operation owning the machine and has it launched once the transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ProvisioningOperation start(Machine machine, OperationKind kind, ImageVersion version, String causeEventId,
            String correlationId, String actor) {
        ProvisioningOperation operation = new ProvisioningOperation();
        operation.id = UUID.randomUUID();
        operation.hostname = machine.hostname;
        operation.kind = kind;
        operation.provider = machine.provider;
        operation.requestId = machine.requestId;
        operation.imageName = version.imageName;
        operation.imageVersion = version.number;
        operation.imageDigest = version.digest;
        operation.role = version.role;
        operation.state = OperationState.PENDING;
        operation.bootToken = newToken();
        operation.causeEventId = causeEventId;
        operation.correlationId = correlationId;
        operation.actor = actor;
        operation.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        operation.persist();
        machine.currentOperationId = operation.id;
        machine.address = null;
        machine.moveTo(MachineState.PROVISIONING);
        launcher.launchAfterCommit(operation.id, operation.hostname);
        return operation;
    }

    /** Boots the machine again with a version of its image (pinned, or the newest built one), keeping its disk. */
    @Transactional
    public ProvisioningOperation reimage(String hostname, String versionText) {
        Machine machine = lockLiving(hostname);
        ProvisioningOperation current = lastOperation(machine);
        ImageVersion version = catalogue.resolveBootable(current.imageName, versionText)
                .orElseThrow(() -> ProblemException.unprocessable("image " + current.imageName
                        + " has no built version '" + (versionText == null ? ImageCatalogue.LATEST : versionText)
                        + "'"));
        audit.record("machine/" + hostname, "reimaged", "to " + version.label());
        return restart(machine, OperationKind.REIMAGE, version);
    }

    /**
     * Reboots the machine: it network-boots again, keeping hostname and disk. Its role's policy says with
     * what: every-boot roles get the newest built version (or the one their request pinned), the others
     * the version they run.
     */
    @Transactional
    public ProvisioningOperation reboot(String hostname) {
        Machine machine = lockLiving(hostname);
        ProvisioningOperation current = lastOperation(machine);
        ImageVersion version = bootVersion(machine, current).orElseThrow(() -> ProblemException.conflict(
                "image " + current.imageName + " has no built version " + hostname + " could boot"));
        audit.record("machine/" + hostname, "rebooted", "with " + version.label());
        return restart(machine, OperationKind.REBOOT, version);
    }

    /** What a reboot of the machine boots, by its running role's reimage policy. */
    public Optional<ImageVersion> bootVersion(Machine machine, ProvisioningOperation current) {
        if (policy.modeOf(current.role) == ReimageMode.EVERY_BOOT) {
            return catalogue.newestFor(machine, current.imageName);
        }
        return catalogue.resolveBootable(current.imageName, String.valueOf(current.imageVersion));
    }

    /**
     * Ends the machine's current operation and network-boots it again with {@code version} (the machine's row
     * must be locked); emits {@code machine.provisioning}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ProvisioningOperation restart(Machine machine, OperationKind kind, ImageVersion version) {
        return restart(machine, kind, version, caller.name().orElse(null));
    }

    /** As {@link #restart(Machine, OperationKind, ImageVersion)}, on behalf of {@code actor} (null: nobody). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ProvisioningOperation restart(Machine machine, OperationKind kind, ImageVersion version, String actor) {
        if (providers.find(machine.provider).isEmpty()) {
            throw ProblemException.conflict(machine.hostname + " runs on provider '" + machine.provider
                    + "', which imaging-service does not have");
        }
        String why = "superseded by a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " to " + version.label();
        currentOperation(machine).filter(op -> op.state.isActive())
                .ifPresent(op -> op.finish(OperationState.CANCELLED, why));
        machine.refreshVersion = null;
        machine.refreshRequestedAt = null;
        ProvisioningOperation operation = start(machine, kind, version, null, machine.requestId, actor);
        outbox.emit(new MachineProvisioning(machine.requestId, machine.hostname, machine.systemName,
                operation.imageName, String.valueOf(operation.imageVersion), operation.imageDigest),
                EventContext.of(null, machine.requestId, actor));
        LOG.infof("%s of %s with %s", kind, machine.hostname, version.label());
        return operation;
    }

    private static Machine lockLiving(String hostname) {
        Machine machine = Machine.lockByHostname(hostname)
                .orElseThrow(() -> ProblemException.notFound("imaging-service knows no machine '" + hostname + "'"));
        if (machine.isDecommissioned()) {
            throw ProblemException.conflict(hostname + (machine.state == MachineState.DESTROYED ? " was destroyed"
                    : " is being destroyed") + "; request a new machine instead");
        }
        return machine;
    }

    private static ProvisioningOperation lastOperation(Machine machine) {
        return currentOperation(machine)
                .orElseThrow(() -> ProblemException.conflict(machine.hostname + " was never provisioned"));
    }

    private static boolean pins(String versionText) {
        return versionText != null && !versionText.isBlank() && !ImageCatalogue.LATEST.equals(versionText.trim());
    }

    /**
     * Decommissions a machine: ends its operation, takes its DHCP reservation away and marks it DESTROYING;
     * the destroyer then has its provider destroy it, outside this transaction, and only then emits
     * {@code machine.destroyed}. For a machine it never knew, or one already destroyed, it only confirms.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void destroy(DecommissionRequested request, EventContext cause) {
        Optional<Machine> found = Machine.lockByHostname(request.hostname());
        if (found.isEmpty() || found.get().state == MachineState.DESTROYED) {
            LOG.infof("%s is not provisioned here; confirming its destruction", request.hostname());
            String systemName = request.systemName() != null ? request.systemName()
                    : found.map(machine -> machine.systemName).orElse(null);
            outbox.emit(new MachineDestroyed(request.requestId(), request.hostname(), systemName,
                    request.wipeVolumes()), cause);
            return;
        }
        Machine machine = found.get();
        if (machine.state == MachineState.DESTROYING) {
            // A second decommission while the first is under way: a wipe asked now still counts.
            machine.destroyWipe = Boolean.TRUE.equals(machine.destroyWipe) || request.wipeVolumes();
            return;
        }
        currentOperation(machine).filter(op -> op.state.isActive())
                .ifPresent(op -> op.finish(OperationState.CANCELLED, "decommissioned"));
        if (!(request.wipeVolumes() && wipesByBooting(machine))) {
            // a wipe step network-boots the machine: its reservation goes once the machine is destroyed
            dhcp.release(machine.network());
        }
        machine.destroyWipe = request.wipeVolumes();
        machine.wipeToken = null;
        machine.wipeStartedAt = null;
        machine.wipedAt = null;
        machine.wipedBytes = null;
        machine.wipeBoots = 0;
        machine.destroyRequestId = request.requestId();
        machine.destroyCauseEventId = cause.eventId();
        machine.destroyCorrelationId = cause.correlationId();
        machine.destroyActor = cause.actor();
        machine.destroyAttempts = 0;
        machine.destroyNextAt = null;
        machine.destroyError = null;
        if (request.systemName() != null) {
            machine.systemName = request.systemName();
        }
        machine.moveTo(MachineState.DESTROYING);
        destroyer.destroyAfterCommit(machine.hostname);
    }

    public static Optional<ProvisioningOperation> currentOperation(Machine machine) {
        return machine.currentOperationId == null
                ? Optional.empty()
                : ProvisioningOperation.findOperation(machine.currentOperationId);
    }

    private void refuse(HostReserved reserved, EventContext cause, String reason) {
        LOG.warnf("cannot provision %s: %s", reserved.hostname(), reason);
        outbox.emit(new MachineFailed(reserved.requestId(), reserved.hostname(), reserved.systemName(), reason), cause);
    }

    private static Machine newMachine(HostReserved reserved) {
        Machine machine = new Machine();
        machine.hostname = reserved.hostname();
        machine.provider = reserved.provider();
        machine.state = MachineState.PROVISIONING;
        machine.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        machine.persist();
        return machine;
    }

    /** A one-time token a machine proves a boot with (its boot, or its wipe step). */
    static String newToken() {
        byte[] bytes = new byte[24];
        TOKENS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private boolean wipesByBooting(Machine machine) {
        return providers.find(machine.provider).map(Provider::wipesByBooting).orElse(false);
    }

}
