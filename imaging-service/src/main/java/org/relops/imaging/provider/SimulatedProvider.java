package org.relops.imaging.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.imaging.config.ImagingConfig;

/**
 * SIMULATED machines, for benchmarks and tests of the request flow only: they run no guest. Each running
 * machine is a file in the provider's state directory ({@code relops.imaging.simulated.state-dir}), a stand-in
 * for a backend that outlives the service as a cloud's instances or a rack's hosts do: a restarted
 * imaging-service, or a second replica beside it, finds the same machines there. A simulated machine counts as
 * booted at its inventory address as soon as its file is written; nothing answers there. Systems of this
 * provider kind ({@code simulated}) never belong in a real inventory, and every view and event of theirs names
 * the provider {@code simulated}.
 */
@ApplicationScoped
public class SimulatedProvider implements Provider {

    public static final String KIND = "simulated";
    private static final Logger LOG = Logger.getLogger(SimulatedProvider.class);
    /** What may name a machine's file: a hostname, nothing that leaves the directory. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

    @Inject
    ImagingConfig config;

    /**
     * Simulation knobs a test or benchmark may put in a machine's provider identity (only this provider reads
     * them): how long a launch takes (a duration such as {@code 3s}), and how many destroy calls fail first.
     */
    public static final String LAUNCH_DELAY = "simulated.launchDelay";
    public static final String DESTROY_FAILURES = "simulated.destroyFailures";

    private final java.util.Map<String, Integer> destroyAttempts = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Launch launch(BootSpec spec) {
        String delay = spec.providerIdentity().get(LAUNCH_DELAY);
        simulateDelay(delay == null ? config.simulated().launchDelay()
                : java.time.Duration.parse("PT" + delay.toUpperCase(java.util.Locale.ROOT)));
        String address = spec.network() == null ? null : spec.network().address();
        if (address == null) {
            throw new ProviderException(spec.hostname() + " has no address from the inventory (nic.address)");
        }
        Path file = machineFile(spec.hostname());
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
            Files.writeString(partial, spec.imageName() + ":" + spec.imageVersion() + " at " + address + "\n",
                    StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProviderException("cannot record simulated machine " + spec.hostname() + ": " + e.getMessage(), e);
        }
        LOG.infof("SIMULATED machine %s (no guest) counts as running %s:%d", spec.hostname(), spec.imageName(),
                spec.imageVersion());
        return new Launch.Booted(address);
    }

    @Override
    public boolean destroy(ProviderMachine machine, boolean wipeVolumes) {
        String hostname = machine.hostname();
        int failures = Integer.parseInt(machine.providerIdentity().getOrDefault(DESTROY_FAILURES, "0"));
        if (destroyAttempts.merge(hostname, 1, Integer::sum) <= failures) {
            throw new ProviderException("simulated failure " + destroyAttempts.get(hostname) + " of " + failures
                    + " destroying " + hostname);
        }
        destroyAttempts.remove(hostname);
        try {
            if (Files.deleteIfExists(machineFile(hostname))) {
                LOG.infof("simulated machine %s destroyed", hostname);
            }
        } catch (IOException e) {
            throw new ProviderException("cannot destroy simulated machine " + hostname + ": " + e.getMessage(), e);
        }
        // a simulated machine's volumes exist only as a record: wiping them is forgetting them
        return wipeVolumes;
    }

    @Override
    public Optional<String> failure(ProviderMachine machine) {
        return isRunning(machine.hostname()) ? Optional.empty()
                : Optional.of("simulated machine " + machine.hostname() + " no longer exists");
    }

    @Override
    public boolean netbootsOnSegment() {
        return false;
    }

    @Override
    public boolean sendsHeartbeats() {
        return false;
    }

    /** Whether the simulated machine of that hostname runs. */
    public boolean isRunning(String hostname) {
        return Files.isRegularFile(machineFile(hostname));
    }

    private Path machineFile(String hostname) {
        if (hostname == null || !FILE_NAME.matcher(hostname).matches()) {
            throw new ProviderException("'" + hostname + "' cannot name a simulated machine");
        }
        return config.simulated().stateDir().orElse(config.dataDir().resolve("simulated")).resolve(hostname);
    }

    private static void simulateDelay(java.time.Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            // A slow backend (a BMC power cycle, a cloud call) is what this simulates: the wait is the point.
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted during a simulated launch", e);
        }
    }
}
