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
import org.relops.imaging.service.AddressPool;
import org.relops.imaging.service.Ipv4Block;

/**
 * Machines as libvirt domains, through libvirt-java: one domain per machine, named after its hostname,
 * defined and started on launch, destroyed and undefined on release. On the test driver
 * ({@code test:///default}) a domain runs no guest, so a machine's address comes from the configured
 * address pool and it counts as booted once its domain runs.
 */
@ApplicationScoped
public class LibvirtProvider implements Provider {

    public static final String KIND = "libvirt";
    private static final String POOL = "libvirt";
    private static final Logger LOG = Logger.getLogger(LibvirtProvider.class);

    @Inject
    ImagingConfig config;

    @Inject
    AddressPool addresses;

    private Connect connection;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public synchronized Launch launch(BootSpec spec) {
        if (!isTestDriver()) {
            throw new ProviderException("the libvirt provider boots machines only on the test driver (test:///...); "
                    + config.libvirt().uri() + " is not supported yet");
        }
        Ipv4Block pool = Ipv4Block.parse(config.libvirt().addressPool());
        String address = pool.hostAddress(addresses.lease(POOL, pool.hostSlots(), spec.hostname()));
        try {
            Domain domain = lookup(spec.hostname()).orElse(null);
            if (domain == null) {
                domain = connect().domainDefineXML(DomainXml.of(spec, config.libvirt().memoryMib()));
            }
            if (domain.isActive() == 0) {
                domain.create();
            }
            LOG.infof("libvirt domain %s runs %s", spec.hostname(), spec.imageName() + ":" + spec.imageVersion());
            return new Launch.Booted(address);
        } catch (LibvirtException e) {
            throw new ProviderException("libvirt could not start domain " + spec.hostname() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void destroy(String hostname, boolean wipeVolumes) {
        try {
            Optional<Domain> domain = lookup(hostname);
            if (domain.isEmpty()) {
                return;
            }
            if (domain.get().isActive() != 0) {
                domain.get().destroy();
            }
            domain.get().undefine();
            LOG.infof("libvirt domain %s destroyed", hostname);
        } catch (LibvirtException e) {
            throw new ProviderException("libvirt could not destroy domain " + hostname + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<String> failure(String hostname) {
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
    public boolean sendsHeartbeats() {
        return false;
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
        return config.libvirt().uri().startsWith("test:");
    }

    private Connect connect() throws LibvirtException {
        if (connection == null) {
            connection = new Connect(config.libvirt().uri());
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
