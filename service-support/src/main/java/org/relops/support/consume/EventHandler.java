package org.relops.support.consume;

import java.util.Set;

import org.relops.model.event.RelopsEvent;

/**
 * Handles some event types for this service. Implementations are CDI beans; the service's event
 * queue is bound to every type a handler declares. {@link #handle} runs in a transaction that also
 * records the event in the inbox, so its effect happens once per event however often it arrives.
 */
public interface EventHandler {

    Set<Class<? extends RelopsEvent>> handles();

    /**
     * Applies the event. Throw {@link PoisonMessageException} for an event that can never be
     * handled (it is dead-lettered at once); any other exception is retried.
     */
    void handle(RelopsEvent event, EventContext context);
}
