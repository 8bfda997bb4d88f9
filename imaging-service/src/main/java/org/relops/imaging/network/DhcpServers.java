package org.relops.imaging.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.provider.ProviderException;
import org.relops.model.value.NetworkAttachment;

import io.quarkus.runtime.LaunchMode;

/**
 * DHCP and the iPXE chain on every segment imaging-service boots machines on: one dnsmasq per segment,
 * bound to the segment's bridge, with static reservations only (an unknown MAC gets no lease). A
 * reservation gives a MAC its inventory address, hostname, the segment's gateway, the environment's DNS
 * server and search domain (options 6, 15 and 119) and the URL of its iPXE script. Reservations are files
 * in dnsmasq's hosts directory, picked up without a restart. The servers do not depend on the service: a
 * restarted service adopts them by their pid files, so leases are served throughout.
 */
@ApplicationScoped
public class DhcpServers {

    private static final Logger LOG = Logger.getLogger(DhcpServers.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path DHCP_RELEASE = Path.of("/usr/bin/dhcp_release");

    @Inject
    ImagingConfig config;

    @Inject
    EnvironmentNetwork network;

    /** The running server of each segment, started here or found again after a restart. */
    private final Map<String, ProcessHandle> servers = new ConcurrentHashMap<>();

    /** Gives the MAC its address and boot chain on its segment, starting the segment's server if needed. */
    public void reserve(NetworkAttachment attachment, String hostname) {
        requireComplete(attachment, hostname);
        Path hosts = hostsDirectory(attachment.segment());
        try {
            Files.createDirectories(hosts);
            // One line per host, no tags: dnsmasq 2.90 aborts on SIGHUP when a tagged host has a lease.
            Files.writeString(hosts.resolve(fileName(attachment.mac())),
                    attachment.mac().toLowerCase(Locale.ROOT) + "," + attachment.address() + "," + hostname + "\n");
        } catch (IOException e) {
            throw new ProviderException("cannot write the DHCP reservation of " + hostname + ": " + e.getMessage(), e);
        }
        ensureRunning(attachment);
    }

    /** Takes a MAC's reservation away: it gets no lease any more. */
    public void release(NetworkAttachment attachment) {
        if (attachment == null || attachment.segment() == null || attachment.mac() == null) {
            return;
        }
        Path file = hostsDirectory(attachment.segment()).resolve(fileName(attachment.mac()));
        try {
            if (Files.deleteIfExists(file)) {
                ProcessHandle server = runningServer(attachment.segment()).orElse(null);
                if (server != null) {
                    // dnsmasq notices new files by itself, but forgets removed ones only on SIGHUP.
                    new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).start()
                            .waitFor(5, TimeUnit.SECONDS);
                    releaseLease(attachment);
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot remove the DHCP reservation %s: %s", file, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the MAC's lease as the machine itself would (dnsmasq-utils' {@code dhcp_release}): dnsmasq keeps a
     * lease for its whole time after the reservation went, and would refuse the address to the next MAC given it.
     */
    private void releaseLease(NetworkAttachment attachment) {
        if (attachment.address() == null || !Files.isExecutable(DHCP_RELEASE)) {
            return;
        }
        try {
            network.run(List.of(DHCP_RELEASE.toString(), network.bridgeOf(attachment.segment()), attachment.address(),
                    attachment.mac().toLowerCase(Locale.ROOT)));
        } catch (ProviderException e) {
            LOG.warnf("cannot release the lease of %s (%s): %s", attachment.mac(), attachment.address(),
                    e.getMessage());
        }
    }

    /** Drops leases of MACs that hold no reservation any more (left by an earlier run), before dnsmasq reads them. */
    private void pruneLeases(String segment, Path leases) throws IOException {
        if (!Files.exists(leases)) {
            return;
        }
        List<String> kept = Files.readAllLines(leases).stream().filter(line -> {
            String[] fields = line.split(" ");
            return fields.length > 1 && isReserved(segment, fields[1]);
        }).toList();
        Files.write(leases, kept);
    }

    /** Whether dnsmasq's lease file lists a lease of the MAC on the segment. */
    public boolean hasLease(String segment, String mac) {
        try {
            Path leases = segmentDirectory(segment).resolve("leases");
            return Files.exists(leases) && Files.readAllLines(leases).stream()
                    .anyMatch(line -> line.toLowerCase(Locale.ROOT).contains(" " + mac.toLowerCase(Locale.ROOT) + " "));
        } catch (IOException e) {
            throw new ProviderException("cannot read the DHCP leases of segment " + segment + ": " + e.getMessage(), e);
        }
    }

    /** Whether the MAC holds a reservation on the segment. */
    public boolean isReserved(String segment, String mac) {
        return Files.exists(hostsDirectory(segment).resolve(fileName(mac)));
    }

    /** The segment's DHCP server runs (started when absent or dead; one that outlived a restart is adopted). */
    public synchronized void ensureRunning(NetworkAttachment attachment) {
        if (runningServer(attachment.segment()).isPresent()) {
            return;
        }
        String bridge = network.bridgeOf(attachment.segment());
        Path directory = segmentDirectory(attachment.segment());
        try {
            Files.createDirectories(hostsDirectory(attachment.segment()));
            pruneLeases(attachment.segment(), directory.resolve("leases"));
            Path log = directory.resolve("dnsmasq.log");
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                // A session of its own: leases keep being served while the service restarts.
                command.add(SETSID.toString());
            }
            command.addAll(network.inNamespace(dnsmasq(attachment, bridge, directory)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (process.waitFor(300, TimeUnit.MILLISECONDS)) {
                throw new ProviderException("dnsmasq for segment " + attachment.segment() + " exited at once (code "
                        + process.exitValue() + "): " + lastLine(log));
            }
            servers.put(attachment.segment(), process.toHandle());
            Files.writeString(directory.resolve("dnsmasq.pid"), Long.toString(process.pid()));
            LOG.infof("DHCP for segment %s (%s) on bridge %s: dnsmasq %d", attachment.segment(), attachment.cidr(),
                    bridge, process.pid());
        } catch (IOException e) {
            throw new ProviderException("cannot start dnsmasq for segment " + attachment.segment() + ": "
                    + e.getMessage() + " (Debian package dnsmasq-base)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted starting dnsmasq", e);
        }
    }

    private List<String> dnsmasq(NetworkAttachment attachment, String bridge, Path directory) {
        Ipv4Block block = Ipv4Block.parse(attachment.cidr());
        String services = config.network().servicesAddress();
        String domain = config.network().searchDomain();
        String lease = config.network().leaseTime();
        return List.of(config.network().dnsmasq(), "--keep-in-foreground", "--conf-file=/dev/null",
                // relops' dns-service answers DNS: dnsmasq's own is off.
                "--port=0", "--user=root", "--interface=" + bridge, "--bind-interfaces", "--pid-file",
                "--dhcp-range=" + block.networkAddress() + ",static," + block.netmask() + "," + lease,
                "--dhcp-hostsdir=" + hostsDirectory(attachment.segment()),
                "--dhcp-leasefile=" + directory.resolve("leases"),
                "--dhcp-option=option:router," + attachment.gateway(),
                "--dhcp-option=option:dns-server," + services,
                "--dhcp-option=option:domain-name," + domain,
                "--dhcp-option=option:domain-search," + domain,
                // Router advertisements: without them iPXE waits ~16 s for IPv6 before it chains.
                "--enable-ra", "--dhcp-range=::,constructor:" + bridge + ",ra-only,64," + lease,
                // iPXE is told there is no ProxyDHCP to wait for (encapsulated option 176).
                "--dhcp-match=set:ipxe,175", "--dhcp-option=tag:ipxe,encap:175,176,1",
                "--dhcp-option=tag:ipxe,option:bootfile-name," + bootBaseUrl() + "/boot/${net0/mac:hexhyp}.ipxe",
                "--log-dhcp", "--log-facility=-");
    }

    /** The base URL machines reach imaging-service's boot endpoints at. */
    public String bootBaseUrl() {
        return config.boot().url().orElse("http://" + config.network().servicesAddress() + ":" + httpPort());
    }

    private Path segmentDirectory(String segment) {
        // Absolute: dnsmasq changes its working directory to /.
        return config.dataDir().toAbsolutePath().resolve("dhcp").resolve(segment);
    }

    private Path hostsDirectory(String segment) {
        return segmentDirectory(segment).resolve("hosts");
    }

    private static String fileName(String mac) {
        return mac.toLowerCase(Locale.ROOT).replace(':', '-');
    }

    private static void requireComplete(NetworkAttachment attachment, String hostname) {
        if (attachment == null || attachment.segment() == null || attachment.cidr() == null
                || attachment.gateway() == null || attachment.mac() == null || attachment.address() == null) {
            throw new ProviderException(hostname + " has no complete network identity from the inventory (segment, "
                    + "cidr, gateway, mac, address): " + attachment);
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int httpPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(8082);
    }

    /** The segment's server if it runs: the one started here, or the one its pid file names. */
    private Optional<ProcessHandle> runningServer(String segment) {
        ProcessHandle known = servers.get(segment);
        if (known != null && known.isAlive()) {
            return Optional.of(known);
        }
        try {
            long pid = Long.parseLong(Files.readString(segmentDirectory(segment).resolve("dnsmasq.pid")).trim());
            Optional<ProcessHandle> found = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(c -> c.contains("dnsmasq")).orElse(false));
            found.ifPresent(handle -> {
                servers.put(segment, handle);
                LOG.infof("DHCP for segment %s: adopted the running dnsmasq %d", segment, handle.pid());
            });
            return found;
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
