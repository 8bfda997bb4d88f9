package org.relops.imaging.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.imaging.service.ProvisioningService;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.HostReserved;
import org.relops.model.event.RelopsEvent;
import org.relops.model.value.Hostname;
import org.relops.support.consume.EventContext;
import org.relops.support.consume.EventHandler;
import org.relops.support.consume.PoisonMessageException;

/** What imaging-service does on the bus: provisions reserved hosts and destroys decommissioned machines. */
@ApplicationScoped
public class MachineLifecycleEvents implements EventHandler {

    @Inject
    ProvisioningService provisioning;

    @Override
    public Set<Class<? extends RelopsEvent>> handles() {
        return Set.of(HostReserved.class, DecommissionRequested.class);
    }

    @Override
    public void handle(RelopsEvent event, EventContext context) {
        if (event instanceof HostReserved reserved) {
            requireHostname(reserved.hostname());
            if (reserved.image() == null || reserved.image().isBlank()) {
                throw new PoisonMessageException("host.reserved for " + reserved.hostname() + " names no image");
            }
            provisioning.provision(reserved, context);
        } else if (event instanceof DecommissionRequested decommission) {
            requireHostname(decommission.hostname());
            provisioning.destroy(decommission, context);
        }
    }

    private static void requireHostname(String hostname) {
        if (!Hostname.isValid(hostname)) {
            throw new PoisonMessageException("'" + hostname + "' is not a valid hostname");
        }
    }
}
