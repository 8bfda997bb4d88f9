package org.relops.inventory.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.inventory.service.ReservationService;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.event.RelopsEvent;
import org.relops.support.consume.EventContext;
import org.relops.support.consume.EventHandler;
import org.relops.support.consume.PoisonMessageException;

/** Frees the system of each destroyed machine and answers with {@code host.released}. */
@ApplicationScoped
public class MachineReleaseHandler implements EventHandler {

    @Inject
    ReservationService reservations;

    @Override
    public Set<Class<? extends RelopsEvent>> handles() {
        return Set.of(MachineDestroyed.class);
    }

    @Override
    public void handle(RelopsEvent event, EventContext context) {
        MachineDestroyed destroyed = (MachineDestroyed) event;
        if (destroyed.requestId() == null || destroyed.hostname() == null) {
            throw new PoisonMessageException("machine.destroyed needs requestId and hostname");
        }
        reservations.releaseMachine(destroyed, context);
    }
}
