package org.relops.imaging.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.imaging.ImageVersion;
import org.relops.imaging.Recipe;
import org.relops.imaging.InputKind;
import org.relops.imaging.Machine;
import org.relops.imaging.MachineState;
import org.relops.imaging.OperationState;
import org.relops.imaging.ProvisioningOperation;
import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.ssh.AuthorizedKeys;
import org.relops.imaging.ssh.SshReachability;
import org.relops.support.rest.ProblemException;

/**
 * The machine-facing side of a boot: the iPXE script for a MAC (only for a machine with a boot under
 * way; anything else is told so and not imaged), the phone-home that proves a boot with its one-time
 * token (and, for an image with an SSH server, that the machine answers SSH), and the heartbeats of a
 * booted machine.
 */
@ApplicationScoped
public class BootService {

    private static final Logger LOG = Logger.getLogger(BootService.class);
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");
    /** The kernel's boot id ({@code /proc/sys/kernel/random/boot_id}); images without one report none. */
    private static final Pattern BOOT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> DISK_STATES = Set.of("fresh", "intact", "damaged", "unmountable", "none");
    private static final Set<String> TAC_STATES = Set.of("skipped", "pending", "fetched", "unconfigured");

    @Inject
    ImagingConfig config;

    @Inject
    MachineOutcomes outcomes;

    @Inject
    MachineRefreshes refreshes;

    @Inject
    AuthorizedKeys authorizedKeys;

    @Inject
    MachineDestroyer destroyer;

    @Inject
    ArtifactStore artifacts;

    @Inject
    org.relops.imaging.network.DhcpServers dhcp;

    /**
     * The iPXE script for a MAC, given the base URL the machine reached us at and the address the request came
     * from. A script with a one-time token goes only to the machine's own inventory address: anyone else who knows
     * a MAC gets a refusal, and the attempt is logged.
     */
    @Transactional
    public String script(String macText, String reachedAt, String requestedFrom) {
        Optional<String> mac = normalise(macText);
        Optional<Machine> machine = mac.flatMap(Machine::findByMac);
        Optional<String> foreign = machine.filter(found -> found.assignedAddress != null
                && !found.assignedAddress.equals(requestedFrom)).map(found -> found.hostname);
        if (foreign.isPresent()) {
            LOG.warnf("refused the boot script of %s to %s: it goes only to its own address %s", foreign.get(),
                    requestedFrom, machine.get().assignedAddress);
            return IpxeScript.refusal("the boot script of " + foreign.get() + " goes only to its own address");
        }
        Optional<Machine> wiping = machine.filter(BootService::bootsItsWipeStep);
        if (wiping.isPresent()) {
            return wipeScript(wiping.get(), config.boot().url().orElse(reachedAt));
        }
        Optional<ProvisioningOperation> booting = machine.flatMap(ProvisioningService::currentOperation)
                .filter(op -> op.state == OperationState.BOOTING || op.state == OperationState.LAUNCHING);
        if (booting.isEmpty() && machine.isPresent()) {
            failIfBootedAlready(machine.get());
        }
        if (booting.isEmpty()) {
            String why = machine.isEmpty()
                    ? "no machine with MAC " + mac.orElse("(invalid)") + " is known to relops"
                    : machine.get().hostname + " has no boot under way";
            LOG.infof("refused a boot script: %s", why);
            return IpxeScript.refusal(why);
        }
        ProvisioningOperation op = booting.get();
        if (op.scriptServedAt == null) {
            op.scriptServedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
        String base = config.boot().url().orElse(reachedAt);
        return IpxeScript.boot(op, base, tacUrl(base, op), config.boot().slaveallocUrl(), rootSha256(op),
                config.boot().kernelArguments(), config.boot().heartbeatInterval().toSeconds());
    }

    /**
     * The operation's image for a VM to boot directly: the kernel and initramfs from the store and the command line
     * its iPXE script would give it. Empty when the store lacks the version's kernel or initramfs (the launch then
     * fails with that reason).
     */
    public Optional<org.relops.imaging.provider.KernelBoot> kernelBoot(ProvisioningOperation op) {
        Optional<java.nio.file.Path> kernel = artifacts.find(op.imageDigest, "vmlinuz");
        Optional<java.nio.file.Path> initrd = artifacts.find(op.imageDigest, "initrd.img");
        if (kernel.isEmpty() || initrd.isEmpty()) {
            return Optional.empty();
        }
        String base = dhcp.bootBaseUrl();
        return Optional.of(new org.relops.imaging.provider.KernelBoot(kernel.get(), initrd.get(),
                IpxeScript.commandLine(op, base, tacUrl(base, op), config.boot().slaveallocUrl(), rootSha256(op),
                        config.boot().kernelArguments(), config.boot().heartbeatInterval().toSeconds())));
    }

    private String tacUrl(String base, ProvisioningOperation op) {
        return config.boot().gettacUrl().replace("{host}", hostOf(base)).replace("{hostname}", op.hostname);
    }

    private static Optional<String> rootSha256(ProvisioningOperation op) {
        return ImageVersion.findVersion(op.imageName, op.imageVersion)
                .filter(version -> version.recipe == Recipe.ROOTFS).map(version -> version.rootSha256);
    }

    private static boolean bootsItsWipeStep(Machine machine) {
        return machine.state == MachineState.DESTROYING && machine.wipeToken != null && machine.wipedAt == null;
    }

    private String wipeScript(Machine machine, String base) {
        Optional<ImageVersion> image = ImageVersion.findLatestReady(config.wipe().image())
                .filter(version -> version.recipe == Recipe.NETBOOT);
        if (image.isEmpty()) {
            String why = "the wipe image " + config.wipe().image() + " has no built netboot version";
            LOG.errorf("cannot wipe %s: %s (relops.imaging.wipe.image)", machine.hostname, why);
            return IpxeScript.refusal(why);
        }
        LOG.infof("%s network-boots its wipe step (%s:%d)", machine.hostname, image.get().imageName,
                image.get().number);
        return IpxeScript.wipe(machine.hostname, image.get().digest, base, machine.wipeToken,
                config.boot().kernelArguments());
    }

    /**
     * A decommissioned machine's wipe step reports its volume zeroed, with the step's one-time token; the
     * machine is then powered off and destroyed.
     */
    @Transactional
    public void wiped(String macText, String token, Long bytes) {
        Machine machine = lockMachine(macText);
        if (machine.state != MachineState.DESTROYING || machine.wipeToken == null) {
            throw forbidden(machine.hostname + " has no wipe step under way");
        }
        if (!sameToken(machine.wipeToken, token)) {
            throw forbidden("the wipe token is missing or wrong");
        }
        if (bytes == null || bytes < 0) {
            throw ProblemException.badRequest("bytes: the number of bytes zeroed (0 or more) is required");
        }
        destroyer.wiped(machine, bytes);
    }

    /**
     * A booted machine that network-boots again was not restarted by relops (a relops reboot or reimage starts a
     * new operation first): the host rebooted by itself, and no longer runs the image it phoned home with. On
     * bare metal this is a host that keeps PXE-booting; it fails with that reason (and is replaced) instead of
     * waiting out its heartbeats. (qemu machines run with -no-reboot: theirs end the process instead.)
     */
    private void failIfBootedAlready(Machine found) {
        Machine machine = Machine.lockByHostname(found.hostname).orElseThrow();
        ProvisioningService.currentOperation(machine).filter(op -> op.state == OperationState.BOOTED)
                .ifPresent(op -> outcomes.failed(machine, op, "rebooted by itself: it network-booted again after"
                        + " it had booted " + op.imageLabel() + " (a host that keeps PXE-booting does not run its"
                        + " image)"));
    }

    /**
     * Where a phone-home's machine must answer SSH before it counts as booted: its inventory address, when the
     * image it boots has an SSH server and the operator's keys are configured (its agent starts the server only
     * then). Empty also for a report that {@link #phoneHome} refuses anyway, so nothing is probed for it.
     * Reads without locking: the probe runs outside any transaction.
     */
    @Transactional
    public Optional<String> sshCheckAddress(BootReport report) {
        Optional<Machine> machine = normalise(report.mac()).flatMap(Machine::findByMac);
        Optional<ProvisioningOperation> booting = machine.flatMap(ProvisioningService::currentOperation)
                .filter(op -> op.state == OperationState.BOOTING && !op.tokenUsed && tokenMatches(op, report.token()));
        boolean acceptable = booting.isPresent() && wrongAddress(machine.get(), report).isEmpty()
                && booting.get().imageDigest.equals(report.digest());
        if (!acceptable || !hasSshServer(booting.get()) || !authorizedKeys.available()) {
            return Optional.empty();
        }
        return Optional.of(machine.get().assignedAddress);
    }

    /** A real image always runs its SSH server; a netboot one when it pins one. */
    private static boolean hasSshServer(ProvisioningOperation op) {
        return ImageVersion.findVersion(op.imageName, op.imageVersion)
                .filter(version -> version.recipe == Recipe.ROOTFS || version.input(InputKind.SSH_SERVER).isPresent())
                .isPresent();
    }

    /**
     * Accepts a phone-home that carries its boot's token; the machine is booted from then on. {@code sshFailure}
     * is why the machine did not answer SSH at its address, when it was checked ({@link #sshCheckAddress}) and
     * did not: the machine then fails, as a machine that does not answer is never ready.
     */
    @Transactional
    public ProvisioningOperation phoneHome(BootReport report, Optional<String> sshFailure) {
        Machine machine = lockMachine(report.mac());
        ProvisioningOperation op = ProvisioningService.currentOperation(machine)
                .orElseThrow(() -> forbidden("no boot of " + machine.hostname + " is under way"));
        requireToken(op, report.token());
        // LAUNCHING: the machine came up before its provider's launch call returned.
        if (op.tokenUsed || op.state != OperationState.BOOTING && op.state != OperationState.LAUNCHING) {
            throw ProblemException.conflict("this boot of " + machine.hostname + " has phoned home already");
        }
        if (report.address() == null || !IPV4.matcher(report.address()).matches()) {
            throw ProblemException.badRequest("address '" + report.address() + "' is not an IPv4 address");
        }
        op.tokenUsed = true;
        Optional<String> wrongAddress = wrongAddress(machine, report);
        if (wrongAddress.isPresent()) {
            LOG.warnf("refused the phone-home of %s: %s", machine.hostname, wrongAddress.get());
            // Recorded and reported (machine.failed), so it is not thrown: that would roll the record back.
            outcomes.failed(machine, op, "refused its phone-home: " + wrongAddress.get());
            return op;
        }
        op.diskState = DISK_STATES.contains(report.disk()) ? report.disk() : "none";
        op.diskBoots = report.boots();
        op.bootId = BOOT_ID.matcher(String.valueOf(report.bootId())).matches() ? report.bootId() : null;
        if (!op.imageDigest.equals(report.digest())) {
            outcomes.failed(machine, op, "booted image " + report.digest() + " instead of " + op.imageDigest);
            return op;
        }
        if (sshFailure.isPresent()) {
            outcomes.failed(machine, op, machine.hostname + " phoned home but does not answer SSH at "
                    + machine.assignedAddress + ":" + SshReachability.PORT + " (" + sshFailure.get() + ")");
            return op;
        }
        outcomes.booted(machine, op, report.address());
        return op;
    }

    /**
     * Why a phone-home does not come from the machine's own address, if it does not: the address inventory
     * assigned it is the only one it may have; what it reports is checked against it, never trusted instead.
     */
    private Optional<String> wrongAddress(Machine machine, BootReport report) {
        String assigned = machine.assignedAddress;
        if (assigned == null) {
            return Optional.of(machine.hostname + " has no address from the inventory");
        }
        if (!assigned.equals(report.address())) {
            return Optional.of(machine.hostname + " reports address " + report.address() + ", but its address is "
                    + assigned + " (inventory)");
        }
        if (config.boot().checkSourceAddress() && !assigned.equals(report.from())) {
            return Optional.of(machine.hostname + " phoned home from " + report.from() + ", but its address is "
                    + assigned + " (inventory)");
        }
        return Optional.empty();
    }

    /**
     * Records a heartbeat of a booted machine (with its boot's token); returns what its agent is to do,
     * if anything (an incremental refresh).
     */
    @Transactional
    public Optional<String> heartbeat(String macText, String token, String tacState) {
        Machine machine = lockMachine(macText);
        ProvisioningOperation op = bootedOperation(machine, token);
        op.lastHeartbeatAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (tacState != null && TAC_STATES.contains(tacState)) {
            op.tacState = tacState;
        }
        return refreshes.instructionFor(machine, op);
    }

    /** The machine's agent applied the incremental refresh it was told to, and now runs that digest. */
    @Transactional
    public void refreshed(String macText, String token, String digest) {
        Machine machine = lockMachine(macText);
        refreshes.reported(machine, bootedOperation(machine, token), digest);
    }

    /** The machine's current operation, which must be booted and whose token the caller must present. */
    private static ProvisioningOperation bootedOperation(Machine machine, String token) {
        ProvisioningOperation op = ProvisioningService.currentOperation(machine)
                .orElseThrow(() -> forbidden("no boot of " + machine.hostname + " is current"));
        requireToken(op, token);
        if (op.state != OperationState.BOOTED) {
            throw ProblemException.conflict(machine.hostname + " is " + op.state + ", not booted");
        }
        return op;
    }

    private static Machine lockMachine(String macText) {
        String mac = normalise(macText).orElseThrow(() -> ProblemException.badRequest("'" + macText
                + "' is not a MAC address"));
        Machine machine = Machine.findByMac(mac).orElseThrow(() -> forbidden("no machine with MAC " + mac));
        return Machine.lockByHostname(machine.hostname).orElseThrow();
    }

    private static void requireToken(ProvisioningOperation op, String token) {
        if (!tokenMatches(op, token)) {
            throw forbidden("the boot token is missing or wrong");
        }
    }

    private static boolean tokenMatches(ProvisioningOperation op, String token) {
        return sameToken(op.bootToken, token);
    }

    /** Compares in constant time: how long a wrong token takes to refuse says nothing about the right one. */
    private static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    static Optional<String> normalise(String mac) {
        if (mac == null) {
            return Optional.empty();
        }
        String clean = mac.trim().toLowerCase(Locale.ROOT).replace('-', ':');
        return MAC.matcher(clean).matches() ? Optional.of(clean) : Optional.empty();
    }

    private static String hostOf(String baseUrl) {
        return java.net.URI.create(baseUrl).getHost();
    }
}
