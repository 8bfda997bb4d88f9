package org.relops.imaging.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** imaging-service's own configuration ({@code relops.imaging.*}). */
@ConfigMapping(prefix = "relops.imaging")
public interface ImagingConfig {

    /** Where imaging-service keeps built artifacts, build workspaces and machine disks and consoles. */
    java.nio.file.Path dataDir();

    /** Image builds. */
    Build build();

    /** HTTP boot: what the iPXE scripts tell machines. */
    Boot boot();

    /** The qemu provider. */
    Qemu qemu();

    /** SSH on the machines: the operator's keys the agents install, and the reachability check at phone-home. */
    Ssh ssh();

    interface Ssh {

        /**
         * The public keys (OpenSSH authorized_keys lines) every machine with an SSH server lets log in as root,
         * served to the boot agents at {@code /boot/authorized-keys}. Absent: no keys, and no SSH server starts.
         */
        java.util.Optional<java.nio.file.Path> authorizedKeysFile();

        /** How often imaging-service tries to reach a phoning-home machine's SSH port before it fails it. */
        @WithDefault("3")
        int checkAttempts();

        /** How long one attempt may take to connect and read the server's SSH banner. */
        @WithDefault("3s")
        Duration checkTimeout();

        /** The pause between two attempts. */
        @WithDefault("1s")
        Duration checkPause();
    }

    interface Build {

        /**
         * The content-addressed store every build reads and keeps: the pinned Debian package files
         * ({@code packages/<sha256>.deb}), the role snapshots versions pin ({@code roles/<sha256>.tar}) and the
         * finished real images by build key ({@code images/<key>/}). Nothing a version pins is ever removed
         * from it, so every version rebuilds after the mirror has moved on.
         */
        java.nio.file.Path store();

        /** The pinned Debian package files, by sha256 (in the store). */
        default java.nio.file.Path packageCache() {
            return store().resolve("packages");
        }

        /**
         * The image recipe and its inputs in the repository ({@code images/}): the build scripts, the bases'
         * lock files ({@code bases/<base>.lock}), the Puppet roles and modules. A new real version takes its
         * base and a snapshot of its role from here.
         */
        java.nio.file.Path imagesDir();

        /** How long one real image build may take (a first build of a base fetches and installs its packages). */
        @WithDefault("45m")
        Duration rootfsTimeout();

        /** How long fetching one package with apt-get may take. */
        @WithDefault("5m")
        Duration fetchTimeout();
    }

    interface Boot {

        /**
         * The base URL machines reach imaging-service at. Empty: the host the machine's iPXE used to fetch
         * its script (for qemu user networking, its virtual gateway, which is the host's loopback).
         */
        java.util.Optional<String> url();

        /**
         * Where a buildbot slave fetches its buildbot.tac; {hostname} is the machine's hostname, {host} the host
         * machines reach imaging-service at. The default names slavealloc unqualified: the machine resolves it
         * through its environment's DNS search path.
         */
        @WithDefault("http://slavealloc:8084/gettac/{hostname}")
        String gettacUrl();

        /** Where a real image's buildbot master reaches slavealloc-service for its workers (unqualified, like the tac's). */
        @WithDefault("http://slavealloc:8084")
        String slaveallocUrl();

        /**
         * Whether a phone-home must come from the machine's own address (its inventory address). Off only where
         * machines reach imaging-service through NAT or a proxy.
         */
        @WithDefault("true")
        boolean checkSourceAddress();

        /** How often a booted machine sends a heartbeat. */
        @WithDefault("10s")
        Duration heartbeatInterval();

        /** Extra kernel command line arguments for every boot. */
        @WithDefault("console=ttyS0 quiet")
        String kernelArguments();
    }

    interface Qemu {

        /** The qemu binary. */
        @WithDefault("qemu-system-x86_64")
        String binary();

        /**
         * How a machine gets its image: {@code network} (its firmware's iPXE asks for its script over DHCP and loads
         * the kernel and initramfs over HTTP, as bare metal does) or {@code kernel} (qemu starts the image's kernel
         * and initramfs from the store directly: no iPXE prompt, no firmware DHCP; the machine still takes its
         * lease from relops' DHCP and fetches its root over HTTP).
         */
        @WithDefault("network")
        QemuBoot boot();

        /** The qemu provider's boot paths. */
        enum QemuBoot {
            NETWORK, KERNEL
        }

        /** Accelerator: tcg (works everywhere) or kvm (only where hardware virtualisation really works). */
        @WithDefault("tcg")
        String accel();

        /** Under TCG, the size of qemu's translation cache per machine, in MiB (qemu's default is 1024). */
        @WithDefault("256")
        int tcgTranslationCacheMib();

        /** Memory of each machine, in MiB (a real image's systemd, buildbot and the overlay's upper tmpfs). */
        @WithDefault("768")
        int memoryMib();

        /** Size of each machine's persistent data disk, in MiB (a sparse file: builds, caches, a master's basedir). */
        @WithDefault("2048")
        int diskMib();

        /** How long qemu may take to answer one status query; three unanswered in a row: the machine is hung. */
        @WithDefault("5s")
        Duration hangTimeout();

        /** How many console lines a failure reason quotes. */
        @WithDefault("15")
        int consoleTailLines();
    }

    /** The wipe step of machines whose provider wipes by booting them (bare metal). */
    Wipe wipe();

    interface Wipe {

        /** The image the wipe step boots (its newest built version): a netboot image with relops' boot agent. */
        @WithDefault("relops-bare")
        String image();

        /** How long a wipe boot may take to report its volume wiped (zeroing a large disk takes hours). */
        @WithDefault("6h")
        Duration deadline();

        /** Wipe boots tried before the decommission ends with the volume reported not wiped. */
        @WithDefault("2")
        int attempts();
    }

    /** The baremetal provider: hosts driven through their BMCs over IPMI-over-LAN. */
    Baremetal baremetal();

    /** Where secret references ({@code vault:<path>}, {@code env:<NAME>}) are resolved. */
    Secrets secrets();

    interface Baremetal {

        /** The ipmitool binary (Debian's ipmitool): what Ironic shells out to. */
        @WithDefault("ipmitool")
        String ipmitool();

        /** How long one ipmitool command may take before it is killed and counts as a failure. */
        @WithDefault("15s")
        Duration commandTimeout();

        /** How long a BMC that does not answer is retried before the operation fails (Ironic: 60 s). */
        @WithDefault("60s")
        Duration retryFor();

        /** The pause between two tries of a BMC that did not answer (Ironic: at least 5 s). */
        @WithDefault("5s")
        Duration retryPause();

        /**
         * How long a host powered on to PXE-boot may take to ask for its iPXE script before it fails as one that
         * never network-boots (firmware set to boot its disk, no DHCP on its segment).
         */
        @WithDefault("5m")
        Duration networkBootDeadline();

        /** How often a running host's power state is read from its BMC (a host powered off behind relops' back). */
        @WithDefault("10s")
        Duration powerPollInterval();
    }

    interface Secrets {

        /**
         * The local secret store: {@code vault:<path>} reads the file {@code <dir>/<path>}, a stand-in for Vault
         * on a machine without one (the local stack keeps BMC credentials there). Absent: only {@code env:} works.
         */
        java.util.Optional<java.nio.file.Path> dir();
    }

    /** How long provisioning may take, and how a booted machine shows it is alive. */
    Provisioning provisioning();

    /** The simulated provider (benchmarks and tests only: it runs no guest). */
    Simulated simulated();

    /** The libvirt provider: real domains on a libvirt daemon (same machine shape as {@link #qemu()}). */
    Libvirt libvirt();

    /** The environment's network as imaging-service (the PXE owner) serves it: DHCP per segment, boot server. */
    Network network();

    /** The catalogue loaded at startup when absent. */
    Seed seed();

    /** Reimage policy per role (the role an image version pins), by role name; unlisted roles are on-request. */
    Map<String, RolePolicy> roles();

    /** Periodic refreshes of machines whose role is periodic. */
    Refresh refresh();

    /** Staged rollouts of an image version to a pool. */
    Rollouts rollouts();

    interface RolePolicy {

        /** every-boot (a reboot boots the newest version), periodic (refreshed every refresh-period), on-request. */
        @WithDefault("on-request")
        ReimageMode reimage();

        /** For periodic roles: how long a machine runs its version before it is refreshed. */
        @WithDefault("24h")
        Duration refreshPeriod();
    }

    interface Refresh {

        /** How often machines of periodic roles are checked for a due refresh. */
        @WithDefault("1m")
        Duration checkInterval();

        /**
         * How long a machine may take to apply an incremental refresh (its agent is told at its next heartbeat)
         * before it is paved over instead.
         */
        @WithDefault("5m")
        Duration incrementalDeadline();
    }

    interface Rollouts {

        /** How often running rollouts are advanced. */
        @WithDefault("5s")
        Duration checkInterval();

        /** How long a reimaged machine must stay booted (the watchdog fails a dead one) to count as healthy. */
        @WithDefault("30s")
        Duration healthyAfter();
    }

    interface Provisioning {

        /** How long a machine may take from its provider's start to phoning home before it is failed. */
        @WithDefault("8m")
        Duration bootDeadline();

        /** A booted machine that sent no heartbeat for this long is failed as dead. */
        @WithDefault("60s")
        Duration heartbeatTimeout();

        /**
         * A launch whose claim nobody renewed for this long (the process running it died; a running launch's claim is
         * renewed every watch interval) is taken up again by any replica.
         */
        @WithDefault("30s")
        Duration launchDeadline();

        /**
         * At most this many launches waiting together are claimed in one transaction and recorded in another (a burst
         * of machines costs two commits per batch, not two per machine); one waiting alone is launched at once.
         */
        @WithDefault("32")
        int launchBatch();

        /** An operation still PENDING this long after it was recorded is launched by the recovery sweep. */
        @WithDefault("15s")
        Duration pendingGrace();

        /** How often the watchdog checks booting and booted machines. */
        @WithDefault("2s")
        Duration watchInterval();
    }

    interface Libvirt {

        /**
         * The daemon's URI: {@code qemu:///system} on a libvirt host, or the {@code qemu:///session} daemon of an
         * unprivileged user that {@code scripts/libvirt-session.sh} starts in the environment's network namespace.
         */
        @WithDefault("qemu:///system")
        String uri();

        /** The storage pool holding the machines' persistent volumes (a directory pool; defined when absent). */
        @WithDefault("relops")
        String pool();

        /** Where that pool keeps its volumes, when imaging-service has to define it. */
        Optional<Path> poolDir();

        /** Where the daemon writes each domain's serial console ({@code <hostname>.log}); absent: no console log. */
        Optional<Path> consoleDir();

        /**
         * The user the machines' tap devices belong to: the session daemon's user, whose qemu opens them. Absent:
         * root's (a system daemon).
         */
        Optional<String> tapOwner();
    }

    interface Simulated {

        /**
         * Where simulated machines are kept, one file per running machine (default: {@code simulated} under the
         * data directory). Replicas of one environment share it, as they would share a real backend.
         */
        Optional<java.nio.file.Path> stateDir();

        /**
         * How long every launch takes when the machine's identity sets no {@code simulated.launchDelay}: a
         * backend's boot time, for benchmarks and for tests that need machines in flight.
         */
        @WithDefault("0s")
        Duration launchDelay();
    }

    interface Network {

        /**
         * The network namespace the environment's segments (one bridge each, named by its alias) live in, on the
         * local stack; empty: this host's own namespace.
         */
        java.util.Optional<String> namespace();

        /**
         * The address machines reach the RelOps services at (boot server, DNS on port 53, slavealloc): handed out
         * by DHCP as their DNS server and used in their boot URL.
         */
        String servicesAddress();

        /** The environment's DNS domain: handed out by DHCP as the machines' domain and search path. */
        String searchDomain();

        /** How long a DHCP lease lasts (dnsmasq's notation: 1h, 30m). */
        @WithDefault("1h")
        String leaseTime();

        /** The dnsmasq binary (Debian's dnsmasq-base). */
        @WithDefault("dnsmasq")
        String dnsmasq();
    }

    interface Seed {

        /** Load the seed images at startup (each only if the catalogue does not have it yet). */
        @WithDefault("true")
        boolean enabled();

        /** Seed images by name. */
        Map<String, SeedImage> images();
    }

    interface SeedImage {

        /** Whether this seed is loaded (a profile can leave one out). */
        @WithDefault("true")
        boolean enabled();

        /** What the image is for. */
        @WithDefault("")
        String description();

        /** The role its first version runs at boot ({@code buildbot-slave}, ...). */
        String role();

        /**
         * A real image's bases ({@code images/bases/<base>.lock}), oldest first: one version per base, pinning
         * that lock's packages and a snapshot of the role (the last is the newest, the one {@code latest}
         * means). Without a base the image is a netboot one, pinning the kernel and busybox below.
         */
        java.util.Optional<java.util.List<String>> base();

        /** The kernel package a netboot image's first version pins. */
        java.util.Optional<SeedPackage> kernel();

        /** The busybox-static package a netboot image's first version pins. */
        java.util.Optional<SeedPackage> busybox();

        /** The SSH server its first version pins, if any. */
        java.util.Optional<SeedSshServer> sshServer();
    }

    interface SeedSshServer {

        /** Debian package name (dropbear-bin). */
        @WithDefault("dropbear-bin")
        String name();

        /** Exact Debian package version. */
        String version();

        /** sha256 of the package file. */
        String sha256();

        /** The library packages its programs load shared objects from. */
        java.util.List<SeedPackage> libraries();
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
