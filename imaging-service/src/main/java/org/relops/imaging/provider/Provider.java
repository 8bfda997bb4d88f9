package org.relops.imaging.provider;

import java.util.Optional;

/**
 * Puts an image on a machine of one provider kind ({@code HostReserved.provider}). Every method is
 * idempotent and is called with the machine's row locked, so calls for one machine never overlap.
 */
public interface Provider {

    /** The provider kind this implementation serves, as the inventory names it. */
    String kind();

    /** Starts the machine booting the given image. Returns how it will report that it is up. */
    Launch launch(BootSpec spec);

    /** Stops the machine and removes it; its persistent volumes go only when {@code wipeVolumes}. Unknown: no-op. */
    void destroy(String hostname, boolean wipeVolumes);

    /** Stops a machine that failed, keeping what it had (disk, console) for a later boot or a look. */
    default void stop(String hostname) {
        destroy(hostname, false);
    }

    /** The machine's serial console log, where the provider keeps one. */
    default Optional<java.nio.file.Path> consoleLog(String hostname) {
        return Optional.empty();
    }

    /** Why a machine this provider started is no longer running, if it is not; empty while it runs. */
    Optional<String> failure(String hostname);

    /** What the provider can add to a failure reason (e.g. the console's last lines), starting with a separator. */
    default String diagnosis(String hostname) {
        return "";
    }

    /**
     * Whether its machines network-boot on their segment: imaging-service then gives them a DHCP reservation
     * (address, DNS, iPXE chain) before launch and takes it away on destroy.
     */
    default boolean netbootsOnSegment() {
        return true;
    }

    /** Whether machines of this provider send heartbeats once booted. */
    boolean sendsHeartbeats();
}
