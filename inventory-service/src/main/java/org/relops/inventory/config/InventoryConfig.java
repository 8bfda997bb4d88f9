package org.relops.inventory.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the inventory is loaded and guarded ({@code relops.inventory.*}). */
@ConfigMapping(prefix = "relops.inventory")
public interface InventoryConfig {

    /** The declarative inventory file applied at start-up; absent or missing: keep what the database holds. */
    Optional<Path> file();

    /**
     * The largest share of systems (0..1) one import may add, change or remove without {@code force}; an
     * empty inventory always takes its first file whole.
     */
    @WithDefault("0.25")
    double maxChangeShare();

    /** How IPAM assigns addresses ({@code relops.inventory.ipam.*}). */
    Ipam ipam();

    /** How IPAM assigns the addresses the inventory file leaves out. */
    interface Ipam {

        /**
         * How many host addresses at the start of every segment IPAM never assigns, kept for
         * infrastructure (switches, DHCP and DNS servers); the gateway is never assigned either.
         */
        @WithDefault("10")
        int reservedHostAddresses();
    }
}
