package org.relops.imaging.provider;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.relops.imaging.config.ImagingConfig;

/**
 * SIMULATED machines, for benchmarks and tests of the request flow only: each is a domain on libvirt's
 * test driver ({@code test:///default}), which runs no guest. A simulated machine counts as booted at
 * its inventory address as soon as its domain is defined and started; nothing answers there. Systems
 * of this provider kind ({@code simulated}) never belong in a real inventory, and every view and
 * event of theirs names the provider {@code simulated}.
 */
@ApplicationScoped
public class SimulatedProvider implements Provider {

    public static final String KIND = "simulated";
    private static final Logger LOG = Logger.getLogger(SimulatedProvider.class);

    @Inject
    ImagingConfig config;

    /**
     * Simulation knobs a test or benchmark may put in a machine's provider identity (only this provider reads
     * them): how long a launch takes (a duration such as {@code 3s}), and how many destroy calls fail first.
     */
    public static final String LAUNCH_DELAY = "simulated.launchDelay";
    public static final String DESTROY_FAILURES = "simulated.destroyFailures";

    private final java.util.Map<String, Integer> destroyAttempts = new java.util.concurrent.ConcurrentHashMap<>();

    private Connect connection;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Launch launch(BootSpec spec) {
        simulateDelay(spec.providerIdentity().get(LAUNCH_DELAY));
        return define(spec);
    }

    private synchronized Launch define(BootSpec spec) {
        if (!isTestDriver()) {
            throw new ProviderException("the simulated provider runs only on libvirt's test driver (test:///...), not "
                    + config.simulated().uri());
        }
        String address = spec.network() == null ? null : spec.network().address();
        if (address == null) {
            throw new ProviderException(spec.hostname() + " has no address from the inventory (nic.address)");
        }
        try {
            Domain domain = lookup(spec.hostname()).orElse(null);
            if (domain == null) {
                domain = connect().domainDefineXML(SimulatedDomainXml.of(spec, config.simulated().memoryMib()));
            }
            if (domain.isActive() == 0) {
                domain.create();
            }
            LOG.infof("SIMULATED machine %s (a test-driver domain, no guest) counts as running %s:%d",
                    spec.hostname(), spec.imageName(), spec.imageVersion());
            return new Launch.Booted(address);
        } catch (LibvirtException e) {
            throw new ProviderException("libvirt could not start domain " + spec.hostname() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean destroy(ProviderMachine machine, boolean wipeVolumes) {
        String hostname = machine.hostname();
        int failures = Integer.parseInt(machine.providerIdentity().getOrDefault(DESTROY_FAILURES, "0"));
        if (destroyAttempts.merge(hostname, 1, Integer::sum) <= failures) {
            throw new ProviderException("simulated failure " + destroyAttempts.get(hostname) + " of " + failures
                    + " destroying " + hostname);
        }
        destroyAttempts.remove(hostname);
        try {
            Optional<Domain> domain = lookup(hostname);
            if (domain.isEmpty()) {
                return wipeVolumes;
            }
            if (domain.get().isActive() != 0) {
                domain.get().destroy();
            }
            domain.get().undefine();
            LOG.infof("libvirt domain %s destroyed", hostname);
            // a simulated machine's volumes exist only as a record: wiping them is forgetting them
            return wipeVolumes;
        } catch (LibvirtException e) {
            throw new ProviderException("libvirt could not destroy domain " + hostname + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<String> failure(ProviderMachine machine) {
        String hostname = machine.hostname();
        try {
            Optional<Domain> domain = lookup(hostname);
            if (domain.isEmpty()) {
                return Optional.of("libvirt domain " + hostname + " no longer exists");
            }
            DomainInfo.DomainState state = domain.get().getInfo().state;
            return state == DomainInfo.DomainState.VIR_DOMAIN_RUNNING
                    ? Optional.empty()
                    : Optional.of("libvirt domain " + hostname + " is " + state);
        } catch (LibvirtException e) {
            return Optional.of("libvirt cannot tell how domain " + hostname + " is: " + e.getMessage());
        }
    }

    @Override
    public boolean netbootsOnSegment() {
        return false;
    }

    @Override
    public boolean sendsHeartbeats() {
        return false;
    }

    private static void simulateDelay(String delay) {
        if (delay == null || delay.isBlank()) {
            return;
        }
        try {
            // A slow backend (a BMC power cycle, a cloud call) is what this simulates: the wait is the point.
            Thread.sleep(java.time.Duration.parse("PT" + delay.toUpperCase(java.util.Locale.ROOT)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted during a simulated launch", e);
        }
    }

    /** Whether a domain of that name is defined (running or not). */
    public synchronized boolean hasDomain(String hostname) {
        try {
            return lookup(hostname).isPresent();
        } catch (LibvirtException e) {
            throw new ProviderException("libvirt cannot look up domain " + hostname + ": " + e.getMessage(), e);
        }
    }

    private Optional<Domain> lookup(String hostname) throws LibvirtException {
        for (String name : connect().listDefinedDomains()) {
            if (name.equals(hostname)) {
                return Optional.of(connect().domainLookupByName(hostname));
            }
        }
        for (int id : connect().listDomains()) {
            Domain domain = connect().domainLookupByID(id);
            if (domain.getName().equals(hostname)) {
                return Optional.of(domain);
            }
        }
        return Optional.empty();
    }

    private boolean isTestDriver() {
        return config.simulated().uri().startsWith("test:");
    }

    private Connect connect() throws LibvirtException {
        if (connection == null) {
            connection = new Connect(config.simulated().uri());
        }
        return connection;
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (LibvirtException e) {
                LOG.debugf("closing the libvirt connection: %s", e.getMessage());
            }
        }
    }
}
