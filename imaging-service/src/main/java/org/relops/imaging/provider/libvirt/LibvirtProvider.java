package org.relops.imaging.provider.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.network.EnvironmentNetwork;
import org.relops.imaging.provider.BootSpec;
import org.relops.imaging.provider.ConsoleLog;
import org.relops.imaging.provider.Launch;
import org.relops.imaging.provider.Provider;
import org.relops.imaging.provider.ProviderException;
import org.relops.imaging.provider.ProviderMachine;

/**
 * Machines as persistent domains on a libvirt daemon ({@code relops.imaging.libvirt.uri}): each is defined and
 * started like a qemu machine of the same shape, network-boots on its segment through a tap on the segment's
 * bridge, and keeps its persistent volume in the daemon's storage pool ({@code <hostname>-data.img}) across
 * reimages; a decommission with wipe wipes and deletes that volume. The daemon, not imaging-service, runs the
 * domains: a restarted imaging-service finds each one again by its name ({@code relops-<hostname>}).
 */
@ApplicationScoped
public class LibvirtProvider implements Provider {

    public static final String KIND = "libvirt";
    private static final Logger LOG = Logger.getLogger(LibvirtProvider.class);

    @Inject
    ImagingConfig config;

    @Inject
    EnvironmentNetwork network;

    private volatile LibvirtConnection connection;
    /** Whether the daemon is known unreachable, so that an outage is logged once, not at every check. */
    private final AtomicBoolean unreachable = new AtomicBoolean();

    @Override
    public String kind() {
        return KIND;
    }

    /** The libvirt domain name of a machine. */
    public static String domainName(String hostname) {
        return "relops-" + hostname;
    }

    /** The machine's persistent volume in the storage pool. */
    public static String volumeName(String hostname) {
        return hostname + "-data.img";
    }

    /** The machine's tap device: at most 15 characters, the same for a hostname across restarts. */
    static String tapOf(String hostname) {
        return EnvironmentNetwork.tapName("rl", hostname);
    }

    @Override
    public Launch launch(BootSpec spec) {
        if (spec.mac() == null || spec.mac().isBlank() || spec.network().segment() == null) {
            throw new ProviderException("the libvirt provider needs the system's NIC on a segment (inventory: nic)");
        }
        String hostname = spec.hostname();
        String tap = tapOf(hostname);
        network.attachTap(tap, spec.network().segment(), config.libvirt().tapOwner());
        Optional<Path> console = console(hostname);
        try {
            connection().call(connect -> {
                Optional<Domain> defined = find(connect, hostname);
                if (defined.isPresent() && defined.get().isActive() != 0) {
                    defined.get().destroy();
                }
                Optional<String> uuid = defined.isPresent() ? Optional.of(defined.get().getUUIDString())
                        : Optional.empty();
                StoragePool pool = pool(connect);
                String volume = ensureVolume(pool, hostname);
                console.ifPresent(LibvirtProvider::deleteQuietly);
                Domain domain = connect.domainDefineXML(LibvirtDomainXml.domain(spec, domainName(hostname), uuid, tap,
                        config.libvirt().pool(), volume, console, shape()));
                domain.create();
                return domain;
            });
        } catch (LibvirtException e) {
            throw new ProviderException("libvirt (" + config.libvirt().uri() + ") could not start domain "
                    + domainName(hostname) + ": " + e.getMessage(), e);
        }
        LOG.infof("libvirt domain %s boots %s (%s, %s on segment %s)", domainName(hostname), hostname, spec.mac(),
                spec.network().address(), spec.network().segment());
        return new Launch.AwaitingPhoneHome();
    }

    @Override
    public void stop(ProviderMachine machine) {
        String hostname = machine.hostname();
        try {
            connection().call(connect -> {
                Optional<Domain> domain = find(connect, hostname);
                if (domain.isPresent() && domain.get().isActive() != 0) {
                    domain.get().destroy();
                }
                return null;
            });
        } catch (LibvirtException e) {
            throw new ProviderException("libvirt could not stop domain " + domainName(hostname) + ": "
                    + e.getMessage(), e);
        }
        network.deleteTap(tapOf(hostname));
    }

    @Override
    public boolean destroy(ProviderMachine machine, boolean wipeVolumes) {
        String hostname = machine.hostname();
        try {
            connection().call(connect -> {
                Optional<Domain> domain = find(connect, hostname);
                if (domain.isPresent()) {
                    if (domain.get().isActive() != 0) {
                        domain.get().destroy();
                    }
                    domain.get().undefine();
                }
                if (wipeVolumes) {
                    wipeVolume(connect, hostname);
                }
                return null;
            });
        } catch (LibvirtException e) {
            throw new ProviderException("libvirt could not destroy domain " + domainName(hostname) + ": "
                    + e.getMessage(), e);
        }
        network.deleteTap(tapOf(hostname));
        console(hostname).ifPresent(LibvirtProvider::deleteQuietly);
        LOG.infof("libvirt domain %s destroyed (volume %s)", domainName(hostname), wipeVolumes ? "wiped" : "kept");
        return wipeVolumes;
    }

    @Override
    public Optional<String> failure(ProviderMachine machine) {
        String hostname = machine.hostname();
        DomainState state;
        try {
            state = connection().call(connect -> {
                Optional<Domain> domain = find(connect, hostname);
                return domain.isEmpty() ? null : domain.get().getInfo().state;
            });
        } catch (LibvirtException e) {
            // The daemon being away says nothing about the guests it runs (they go on without it), and a dead
            // guest also misses its heartbeats: an outage of the control plane is not a machine failure.
            if (unreachable.compareAndSet(false, true)) {
                LOG.warnf("libvirt (%s) does not answer: domains are not checked until it does (%s)",
                        config.libvirt().uri(), e.getMessage());
            }
            return Optional.empty();
        }
        if (unreachable.compareAndSet(true, false)) {
            LOG.infof("libvirt (%s) answers again", config.libvirt().uri());
        }
        if (state == null) {
            return Optional.of("libvirt domain " + domainName(hostname) + " no longer exists" + diagnosis(machine));
        }
        return switch (state) {
            // shutdown is the way to shut off: the next check sees where it ends
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED, VIR_DOMAIN_SHUTDOWN -> Optional.empty();
            case VIR_DOMAIN_SHUTOFF -> Optional.of("libvirt domain " + domainName(hostname)
                    + " is shut off (the guest powered off, rebooted or crashed, or was destroyed)"
                    + diagnosis(machine));
            default -> Optional.of("libvirt domain " + domainName(hostname) + " is "
                    + state.name().replace("VIR_DOMAIN_", "").toLowerCase(java.util.Locale.ROOT)
                    + diagnosis(machine));
        };
    }

    @Override
    public String diagnosis(ProviderMachine machine) {
        Optional<Path> console = console(machine.hostname());
        if (console.isEmpty()) {
            return "";
        }
        String tail = ConsoleLog.tail(console.get(), config.qemu().consoleTailLines());
        return tail.isEmpty() ? "; console empty" : "; console tail:\n" + tail;
    }

    @Override
    public Optional<Path> consoleLog(ProviderMachine machine) {
        return console(machine.hostname()).filter(Files::exists);
    }

    @Override
    public boolean sendsHeartbeats() {
        return true;
    }

    /** Whether the machine's domain is defined on the daemon (running or not). */
    public boolean hasDomain(String hostname) {
        try {
            return connection().call(connect -> find(connect, hostname).isPresent());
        } catch (LibvirtException e) {
            throw new ProviderException("libvirt cannot look up " + domainName(hostname) + ": " + e.getMessage(), e);
        }
    }

    /** Whether the machine's persistent volume exists in the pool. */
    public boolean hasVolume(String hostname) {
        try {
            return connection().call(connect -> findVolume(pool(connect), hostname).isPresent());
        } catch (LibvirtException e) {
            throw new ProviderException("libvirt cannot look up " + volumeName(hostname) + ": " + e.getMessage(), e);
        }
    }

    private LibvirtDomainXml.Shape shape() {
        return new LibvirtDomainXml.Shape(emulator(), config.qemu().accel(), config.qemu().memoryMib(),
                config.qemu().tcgTranslationCacheMib());
    }

    /** libvirt wants the emulator's full path. */
    private String emulator() {
        String binary = config.qemu().binary();
        if (binary.contains("/")) {
            return binary;
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .map(dir -> Path.of(dir, binary)).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElse("/usr/bin/" + binary);
    }

    private Optional<Path> console(String hostname) {
        return config.libvirt().consoleDir().map(dir -> dir.resolve(hostname + ".log"));
    }

    private static Optional<Domain> find(Connect connect, String hostname) throws LibvirtException {
        try {
            return Optional.of(connect.domainLookupByName(domainName(hostname)));
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The storage pool, defined, built and started if it is not yet. */
    private StoragePool pool(Connect connect) throws LibvirtException {
        StoragePool pool;
        try {
            pool = connect.storagePoolLookupByName(config.libvirt().pool());
        } catch (LibvirtException e) {
            if (e.getError() == null || e.getError().getCode() != ErrorNumber.VIR_ERR_NO_STORAGE_POOL) {
                throw e;
            }
            Path directory = config.libvirt().poolDir().orElseThrow(() -> new ProviderException("libvirt has no "
                    + "storage pool " + config.libvirt().pool() + " and relops.imaging.libvirt.pool-dir is not set"));
            pool = connect.storagePoolDefineXML(LibvirtDomainXml.pool(config.libvirt().pool(), directory), 0);
            pool.build(0);
            pool.setAutostart(1);
            LOG.infof("libvirt storage pool %s defined at %s", config.libvirt().pool(), directory);
        }
        if (pool.isActive() == 0) {
            pool.create(0);
        }
        return pool;
    }

    private String ensureVolume(StoragePool pool, String hostname) throws LibvirtException {
        if (findVolume(pool, hostname).isEmpty()) {
            pool.storageVolCreateXML(LibvirtDomainXml.volume(volumeName(hostname), config.qemu().diskMib()), 0);
        }
        return volumeName(hostname);
    }

    private void wipeVolume(Connect connect, String hostname) throws LibvirtException {
        Optional<StorageVol> volume = findVolume(pool(connect), hostname);
        if (volume.isPresent()) {
            // overwritten before it goes: the pool's next volume may reuse the same blocks
            volume.get().wipe();
            volume.get().delete(0);
        }
    }

    private static Optional<StorageVol> findVolume(StoragePool pool, String hostname) throws LibvirtException {
        try {
            return Optional.of(pool.storageVolLookupByName(volumeName(hostname)));
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_STORAGE_VOL) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private LibvirtConnection connection() {
        LibvirtConnection current = connection;
        if (current == null) {
            synchronized (this) {
                if (connection == null) {
                    connection = new LibvirtConnection(config.libvirt().uri());
                }
                current = connection;
            }
        }
        return current;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf("cannot remove %s: %s", path, e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
