package org.relops.imaging.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** imaging-service's own configuration ({@code relops.imaging.*}). */
@ConfigMapping(prefix = "relops.imaging")
public interface ImagingConfig {

    /** How long provisioning may take, and how a booted machine shows it is alive. */
    Provisioning provisioning();

    /** The libvirt provider. */
    Libvirt libvirt();

    /** The catalogue loaded at startup when absent. */
    Seed seed();

    interface Provisioning {

        /** How long a machine may take from its provider's start to phoning home before it is failed. */
        @WithDefault("120s")
        Duration bootDeadline();

        /** A booted machine that sent no heartbeat for this long is failed as dead. */
        @WithDefault("60s")
        Duration heartbeatTimeout();

        /** An operation still PENDING this long after it was recorded is launched by the recovery sweep. */
        @WithDefault("15s")
        Duration pendingGrace();

        /** How often the watchdog checks booting and booted machines. */
        @WithDefault("2s")
        Duration watchInterval();
    }

    interface Libvirt {

        /** The libvirt connection URI ({@code test:///default} needs no daemon). */
        @WithDefault("test:///default")
        String uri();

        /**
         * The address pool (CIDR) machines on the libvirt test driver get their address from: that driver
         * runs no guest, so no machine could report one. One address per machine, kept until decommission.
         */
        @WithDefault("198.51.100.0/24")
        String addressPool();

        /** Memory of each domain, in MiB. */
        @WithDefault("512")
        int memoryMib();
    }

    interface Seed {

        /** Load the seed images at startup (each only if the catalogue does not have it yet). */
        @WithDefault("true")
        boolean enabled();

        /** Seed images by name. */
        Map<String, SeedImage> images();
    }

    interface SeedImage {

        /** What the image is for. */
        @WithDefault("")
        String description();

        /** The role its first version runs at boot ({@code buildbot-slave}, ...). */
        String role();

        /** The kernel package its first version pins. */
        SeedPackage kernel();

        /** The busybox-static package its first version pins. */
        SeedPackage busybox();
    }

    interface SeedPackage {

        /** Debian package name. */
        @WithDefault("")
        String name();

        /** Exact Debian package version. */
        String version();

        /** sha256 of the package file. */
        String sha256();
    }
}
