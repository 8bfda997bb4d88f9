package org.relops.inventory.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.inventory.service.MalformedRequestException;
import org.relops.inventory.service.ReplacementService;
import org.relops.inventory.service.ReservationService;
import org.relops.model.event.MachineReplacementRequested;
import org.relops.model.event.RelopsEvent;
import org.relops.model.event.RequestSubmitted;
import org.relops.support.consume.EventContext;
import org.relops.support.consume.EventHandler;
import org.relops.support.consume.PoisonMessageException;

/**
 * Places each submitted request, and each replacement of a failed machine; a request that can never be
 * placed as it stands is dead-lettered.
 */
@ApplicationScoped
public class RequestPlacementHandler implements EventHandler {

    @Inject
    ReservationService reservations;

    @Inject
    ReplacementService replacements;

    @Override
    public Set<Class<? extends RelopsEvent>> handles() {
        return Set.of(RequestSubmitted.class, MachineReplacementRequested.class);
    }

    @Override
    public void handle(RelopsEvent event, EventContext context) {
        if (event instanceof MachineReplacementRequested replacement) {
            if (replacement.requestId() == null || replacement.hostname() == null) {
                throw new PoisonMessageException("machine.replacement.requested needs requestId and hostname");
            }
            replacements.replaceMachine(replacement, context);
            return;
        }
        try {
            reservations.placeRequest((RequestSubmitted) event, context);
        } catch (MalformedRequestException e) {
            throw new PoisonMessageException(e.getMessage());
        }
    }
}
