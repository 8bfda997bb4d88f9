package org.relops.inventory.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.inventory.service.MachineProgressTracker;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.MachineProvisioning;
import org.relops.model.event.MachineReady;
import org.relops.model.event.RelopsEvent;
import org.relops.support.consume.EventContext;
import org.relops.support.consume.EventHandler;
import org.relops.support.consume.PoisonMessageException;

/** Follows the request flow's reports on machines, so that each system's state says what runs on it. */
@ApplicationScoped
public class MachineProgressHandler implements EventHandler {

    @Inject
    MachineProgressTracker tracker;

    @Override
    public Set<Class<? extends RelopsEvent>> handles() {
        return Set.of(MachineProvisioning.class, MachineBooted.class, MachineReady.class, MachineFailed.class,
                DecommissionRequested.class);
    }

    @Override
    public void handle(RelopsEvent event, EventContext context) {
        if (event.requestId() == null) {
            throw new PoisonMessageException(context.type() + " has no requestId");
        }
        tracker.follow(event, context);
    }
}
