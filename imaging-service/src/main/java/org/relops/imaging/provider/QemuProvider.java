package org.relops.imaging.provider;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.network.EnvironmentNetwork;

/**
 * Machines as qemu processes on their segment: one process per machine, in the environment's network
 * namespace, with a tap device on the segment's bridge, so that it takes its inventory address from
 * relops' DHCP and network-boots through iPXE from imaging-service like any host on that segment. Each
 * has a persistent data disk file that survives reimage and goes only on a decommission with wipe, and
 * its serial console in a log file. A qemu that exits or stops answering is reported with its console tail.
 * Machines do not depend on the service: a restarted service finds each one again by its pid file.
 */
@ApplicationScoped
public class QemuProvider implements Provider {

    public static final String KIND = "qemu";
    private static final Logger LOG = Logger.getLogger(QemuProvider.class);

    @Inject
    ImagingConfig config;

    @Inject
    EnvironmentNetwork network;

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** The longest value qemu's -readconfig parser takes. */
    private static final int QEMU_CONFIG_VALUE_LIMIT = 1023;

    /** Status queries in a row a qemu must leave unanswered to count as hung. */
    static final int HUNG_AFTER_MISSES = 3;

    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Map<String, Integer> unanswered = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Launch launch(BootSpec spec) {
        if (spec.mac() == null || spec.mac().isBlank() || spec.network().segment() == null) {
            throw new ProviderException("the qemu provider needs the system's NIC on a segment (inventory: nic)");
        }
        stopProcess(spec.hostname());
        String tap = tapOf(spec.hostname());
        network.attachTap(tap, spec.network().segment());
        MachineFiles files = files(spec.hostname());
        try {
            Files.createDirectories(files.directory());
            createDiskIfAbsent(files.disk());
            Files.deleteIfExists(files.console());
            Files.deleteIfExists(files.qmp());
            Process process = new ProcessBuilder(command(spec, files, tap)).redirectErrorStream(true)
                    .redirectOutput(files.qemuLog().toFile()).start();
            running.put(spec.hostname(), process);
            Files.writeString(files.pid(), Long.toString(process.pid()));
            LOG.infof("qemu %d boots %s (%s, %s on segment %s)", process.pid(), spec.hostname(), spec.mac(),
                    spec.network().address(), spec.network().segment());
            return new Launch.AwaitingPhoneHome();
        } catch (IOException e) {
            throw new ProviderException("cannot start qemu for " + spec.hostname() + ": " + e.getMessage(), e);
        }
    }

    private List<String> command(BootSpec spec, MachineFiles files, String tap) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // A session of its own: the machine outlives a restart (or a kill) of the service, which adopts it
            // again by its pid file and QMP socket. Only a stop, a destroy or removing the network ends it.
            command.add(SETSID.toString());
        }
        command.addAll(network.inNamespace(List.of(config.qemu().binary(),
                "-name", "relops-" + spec.hostname(),
                "-accel", accelerator(), "-cpu", "kvm".equals(config.qemu().accel()) ? "host" : "max",
                "-m", Integer.toString(config.qemu().memoryMib()), "-smp", "1",
                "-nodefaults", "-display", "none", "-no-reboot",
                "-serial", "file:" + files.console(),
                "-qmp", "unix:" + files.qmp() + ",server=on,wait=off",
                "-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
                "-device", "virtio-net-pci,netdev=n0,mac=" + spec.mac(),
                "-drive", "file=" + files.disk() + ",format=raw,if=virtio")));
        command.addAll(bootOptions(spec, files));
        return command;
    }

    @Override
    public boolean bootsKernelDirectly() {
        return config.qemu().boot() == ImagingConfig.Qemu.QemuBoot.KERNEL;
    }

    /**
     * A network boot through the NIC's iPXE, or the image's kernel and initramfs directly. The kernel command line
     * carries the boot token, so it goes in a qemu configuration file only the service can read ({@code
     * -readconfig}: its {@code [machine] append}), never on qemu's command line (ps shows that to every user).
     */
    private List<String> bootOptions(BootSpec spec, MachineFiles files) {
        Optional<KernelBoot> kernel = spec.kernelBoot().filter(boot -> bootsKernelDirectly());
        if (kernel.isEmpty()) {
            return List.of("-boot", "n");
        }
        String commandLine = kernel.get().commandLine();
        // qemu's configuration files take a quoted value of at most 1023 characters, without escapes
        if (commandLine.length() > QEMU_CONFIG_VALUE_LIMIT || commandLine.contains("\"")) {
            throw new ProviderException("the kernel command line of " + spec.hostname() + " cannot go in a qemu "
                    + "configuration file (" + commandLine.length() + " characters, at most " + QEMU_CONFIG_VALUE_LIMIT
                    + ", no double quote): shorten relops.imaging.boot.kernel-arguments or boot it over the network");
        }
        try {
            Files.deleteIfExists(files.bootConfig());
            Files.createFile(files.bootConfig(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(files.bootConfig(), "[machine]\n  append = \"" + commandLine + "\"\n");
        } catch (IOException e) {
            throw new ProviderException("cannot write the boot configuration of " + spec.hostname() + ": "
                    + e.getMessage(), e);
        }
        return List.of("-kernel", kernel.get().kernel().toString(), "-initrd", kernel.get().initrd().toString(),
                "-readconfig", files.bootConfig().toString());
    }

    /**
     * The accelerator option. Under TCG qemu keeps a translation cache of 1 GiB by default, more than the guest's
     * own memory: {@code tb-size} bounds it, and with it what each machine costs the host.
     */
    private String accelerator() {
        String accel = config.qemu().accel();
        return "tcg".equals(accel) ? "tcg,tb-size=" + config.qemu().tcgTranslationCacheMib() : accel;
    }

    /** The machine's tap device: at most 15 characters, the same for a hostname across restarts. */
    static String tapOf(String hostname) {
        return EnvironmentNetwork.tapName("rt", hostname);
    }

    @Override
    public void stop(ProviderMachine machine) {
        String hostname = machine.hostname();
        stopProcess(hostname);
        network.deleteTap(tapOf(hostname));
        deleteQuietly(files(hostname).qmp());
        deleteQuietly(files(hostname).pid());
        deleteQuietly(files(hostname).bootConfig());
    }

    @Override
    public boolean destroy(ProviderMachine machine, boolean wipeVolumes) {
        String hostname = machine.hostname();
        stop(machine);
        MachineFiles files = files(hostname);
        deleteQuietly(files.console());
        deleteQuietly(files.qemuLog());
        if (wipeVolumes) {
            deleteQuietly(files.disk());
            deleteQuietly(files.directory());
        }
        LOG.infof("qemu machine %s destroyed (disk %s)", hostname, wipeVolumes ? "wiped" : "kept");
        return wipeVolumes;
    }

    @Override
    public Optional<String> failure(ProviderMachine machine) {
        String hostname = machine.hostname();
        Optional<ProcessHandle> process = process(hostname);
        if (process.isEmpty()) {
            Process known = running.get(hostname);
            String exit = known == null ? "" : " with code " + known.exitValue();
            return Optional.of("qemu exited" + exit + diagnosis(hostname));
        }
        Optional<String> status = QmpClient.queryStatus(files(hostname).qmp(), config.qemu().hangTimeout());
        if (status.isEmpty()) {
            // One slow answer can be a busy host; only several in a row mean qemu is stuck.
            int misses = unanswered.merge(hostname, 1, Integer::sum);
            if (misses < HUNG_AFTER_MISSES) {
                return Optional.empty();
            }
            return Optional.of("qemu is hung: it did not answer " + misses + " status queries in a row within "
                    + config.qemu().hangTimeout().toSeconds() + " s each" + diagnosis(hostname));
        }
        unanswered.remove(hostname);
        return switch (status.get()) {
            case "running", "prelaunch", "inmigrate", "finish-migrate", "postmigrate" -> Optional.empty();
            default -> Optional.of("qemu reports the guest " + status.get() + diagnosis(hostname));
        };
    }

    @Override
    public String diagnosis(ProviderMachine machine) {
        return diagnosis(machine.hostname());
    }

    private String diagnosis(String hostname) {
        MachineFiles files = files(hostname);
        String console = ConsoleLog.tail(files.console(), config.qemu().consoleTailLines());
        String qemu = ConsoleLog.tail(files.qemuLog(), 3);
        return (console.isEmpty() ? "; console empty" : "; console tail:\n" + console)
                + (qemu.isEmpty() ? "" : "\nqemu: " + qemu);
    }

    @Override
    public Optional<Path> consoleLog(ProviderMachine machine) {
        Path console = files(machine.hostname()).console();
        return Files.exists(console) ? Optional.of(console) : Optional.empty();
    }

    @Override
    public boolean sendsHeartbeats() {
        return true;
    }

    /** The running qemu's process id, if the machine has one. */
    public Optional<Long> pidOf(String hostname) {
        return process(hostname).map(ProcessHandle::pid);
    }

    /** Where a machine's files live (its directory, disk, console log). */
    public MachineFiles files(String hostname) {
        Path directory = config.dataDir().resolve("machines").resolve(hostname);
        return new MachineFiles(directory, directory.resolve("data.img"), directory.resolve("console.log"),
                directory.resolve("qemu.log"), directory.resolve("qmp.sock"), directory.resolve("qemu.pid"));
    }

    private Optional<ProcessHandle> process(String hostname) {
        Process known = running.get(hostname);
        if (known != null) {
            return known.isAlive() ? Optional.of(known.toHandle()) : Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(files(hostname).pid()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(c -> c.contains("qemu")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void stopProcess(String hostname) {
        Optional<ProcessHandle> process = process(hostname);
        running.remove(hostname);
        unanswered.remove(hostname);
        process.ifPresent(handle -> {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new ProviderException("qemu " + handle.pid() + " of " + hostname + " did not stop", e);
            }
        });
    }

    private void createDiskIfAbsent(Path disk) throws IOException {
        if (Files.exists(disk)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "rw")) {
            file.setLength((long) config.qemu().diskMib() * 1024 * 1024);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf("cannot remove %s: %s", path, e.getMessage());
        }
    }

    /** The files of one qemu machine. */
    public record MachineFiles(Path directory, Path disk, Path console, Path qemuLog, Path qmp, Path pid) {

        /** The kernel command line of a direct boot, for qemu's -readconfig (0600: it holds the boot token). */
        public Path bootConfig() {
            return directory.resolve("boot.cfg");
        }
    }
}
