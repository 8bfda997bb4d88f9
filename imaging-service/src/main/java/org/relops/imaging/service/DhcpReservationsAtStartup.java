package org.relops.imaging.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.imaging.Machine;
import org.relops.imaging.MachineState;
import org.relops.imaging.network.DhcpServers;
import org.relops.imaging.provider.Providers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Restores the DHCP reservations of every machine still provisioned when imaging-service starts, so that
 * machines that booted before a restart renew their leases and reboot as before.
 */
@ApplicationScoped
public class DhcpReservationsAtStartup {

    private static final Logger LOG = Logger.getLogger(DhcpReservationsAtStartup.class);

    @Inject
    DhcpServers dhcp;

    @Inject
    Providers providers;

    void restore(@Observes StartupEvent started) {
        var machines = QuarkusTransaction.requiringNew().call(() -> Machine.<Machine>list(
                "state <> ?1 and segment is not null", MachineState.DESTROYED));
        for (Machine machine : machines) {
            boolean netboots = providers.find(machine.provider).map(p -> p.netbootsOnSegment()).orElse(false);
            if (!netboots) {
                continue;
            }
            try {
                dhcp.reserve(machine.network(), machine.hostname);
            } catch (RuntimeException e) {
                LOG.errorf("cannot restore the DHCP reservation of %s: %s", machine.hostname, e.getMessage());
            }
        }
    }
}
