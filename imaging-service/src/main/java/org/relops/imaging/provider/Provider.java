package org.relops.imaging.provider;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Puts an image on a machine of one provider kind ({@code HostReserved.provider}). The contract every
 * backend (VMs, bare metal behind BMCs, cloud instances) implements:
 * <ul>
 * <li>every call gets the whole {@link ProviderMachine} (network and per-provider identity), so a provider
 * keeps no state it could lose: what it needs lives in imaging-service's database;</li>
 * <li>calls are made outside any database transaction, one at a time per machine, and may take long (a
 * BMC power cycle with retries, a cloud call): start, then observe ({@link #launch} returns once the
 * machine is started; {@link #failure} is asked periodically);</li>
 * <li>every call is idempotent: after a crash it is simply made again.</li>
 * </ul>
 */
public interface Provider {

    /** The provider kind this implementation serves, as the inventory names it. */
    String kind();

    /**
     * Whether it boots its machines from the image's kernel and initramfs directly ({@link BootSpec#kernelBoot}),
     * without a network boot: no firmware DHCP, no iPXE prompt, no kernel over HTTP.
     */
    default boolean bootsKernelDirectly() {
        return false;
    }

    /** Starts the machine booting the given image (restarting it if it runs). Returns how it will report up. */
    Launch launch(BootSpec spec);

    /**
     * Stops the machine and removes it; its persistent volumes go only when {@code wipeVolumes}. Unknown: no-op.
     * Returns whether the volumes really were wiped: a provider that cannot wipe says so, never pretends.
     */
    boolean destroy(ProviderMachine machine, boolean wipeVolumes);

    /**
     * Whether a wipe needs a boot of the machine itself (bare metal: its volume is the host's own disk). For such
     * a provider a decommission with wipe first {@linkplain #bootWipeStep boots the wipe step}, waits for the
     * machine to report its volume wiped, and only then {@linkplain #destroy destroys} it (without wipe).
     */
    default boolean wipesByBooting() {
        return false;
    }

    /** Network-boots the machine into the wipe step (imaging-service's iPXE script serves it). */
    default void bootWipeStep(ProviderMachine machine) {
        throw new ProviderException(kind() + " machines have no wipe step");
    }

    /** Stops a machine that failed, keeping what it had (disk, console) for a later boot or a look. */
    default void stop(ProviderMachine machine) {
        destroy(machine, false);
    }

    /** Why a machine this provider started is no longer running, if it is not; empty while it runs. */
    Optional<String> failure(ProviderMachine machine);

    /** What the provider can add to a failure reason (e.g. the console's last lines), starting with a separator. */
    default String diagnosis(ProviderMachine machine) {
        return "";
    }

    /** The machine's serial console log, where the provider keeps one. */
    default Optional<Path> consoleLog(ProviderMachine machine) {
        return Optional.empty();
    }

    /**
     * Whether its machines network-boot on their segment: imaging-service then gives them a DHCP reservation
     * (address, DNS, iPXE chain) before launch and takes it away on destroy.
     */
    default boolean netbootsOnSegment() {
        return true;
    }

    /**
     * How long after its launch a machine must have asked for its iPXE script, where the provider can tell that
     * apart from a slow boot (a bare-metal host that was powered on but never network-boots); empty: only the
     * boot deadline applies.
     */
    default Optional<java.time.Duration> networkBootDeadline() {
        return Optional.empty();
    }

    /** Whether machines of this provider send heartbeats once booted. */
    boolean sendsHeartbeats();
}
