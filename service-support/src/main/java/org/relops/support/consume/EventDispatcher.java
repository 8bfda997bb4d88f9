package org.relops.support.consume;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.event.EventCatalog;
import org.relops.model.event.EventConsumers;
import org.relops.model.event.RelopsEvent;
import org.relops.support.bus.BusConfig;
import org.relops.support.inbox.Inbox;

import com.rabbitmq.client.AMQP;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Decodes events from the service's event queue and hands each to the service's handlers for its
 * type, in one transaction with the inbox record.
 */
@ApplicationScoped
public class EventDispatcher implements BatchProcessor {

    @Inject
    BusConfig config;

    @Inject
    Inbox inbox;

    @Inject
    MeterRegistry metrics;

    private final Map<String, List<EventHandler>> handlersByType = new HashMap<>();

    @Inject
    void register(@All List<EventHandler> handlers) {
        for (EventHandler handler : handlers) {
            for (Class<? extends RelopsEvent> type : handler.handles()) {
                handlersByType.computeIfAbsent(EventCatalog.typeOf(type), name -> new ArrayList<>()).add(handler);
            }
        }
    }

    /**
     * Refuses to start a service whose handlers take other event types than the bus topology says it consumes
     * ({@link EventConsumers}): the topology every service declares would route it the wrong events.
     */
    void checkTopology(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        if (handlersByType.isEmpty()) {
            return;
        }
        Set<String> declared = EventConsumers.consumedBy(config.serviceName());
        if (!declared.equals(new java.util.TreeSet<>(handlersByType.keySet()))) {
            throw new IllegalStateException(config.serviceName() + " handles " + new java.util.TreeSet<>(
                    handlersByType.keySet()) + " but EventConsumers says it consumes " + declared
                    + ": make them agree");
        }
    }

    /** The event types this service handles: its event queue's bindings. */
    public Set<String> handledTypes() {
        return handlersByType.keySet();
    }

    @Override
    public void process(byte[] body, AMQP.BasicProperties properties) {
        processAll(List.of(new Delivery(body, properties)));
    }

    /** Handles the events in their order in one transaction, each with its inbox record. */
    @Override
    public void processAll(List<Delivery> deliveries) {
        List<Decoded> events = deliveries.stream().map(delivery -> decode(delivery.body())).toList();
        List<Boolean> handled = QuarkusTransaction.requiringNew().call(() -> {
            List<Boolean> outcomes = new ArrayList<>(events.size());
            for (Decoded event : events) {
                outcomes.add(handle(event));
            }
            return outcomes;
        });
        for (int i = 0; i < events.size(); i++) {
            metrics.counter("relops.bus.events.handled", "type", events.get(i).context().type(),
                    "outcome", handled.get(i) ? "handled" : "duplicate").increment();
        }
    }

    /** An event read from its envelope, with the handlers of its type. */
    private record Decoded(RelopsEvent event, EventContext context, List<EventHandler> handlers) {
    }

    private Decoded decode(byte[] body) {
        CloudEvent envelope = EnvelopeCodec.decode(body);
        List<EventHandler> handlers = handlersByType.get(envelope.type());
        if (handlers == null) {
            throw new PoisonMessageException(config.serviceName() + " has no handler for event type '"
                    + envelope.type() + "'");
        }
        EventContext context = new EventContext(envelope.id(), envelope.type(), envelope.source(),
                envelope.correlationid(), envelope.time(), envelope.actor());
        return new Decoded(EnvelopeCodec.payload(envelope), context, handlers);
    }

    private boolean handle(Decoded decoded) {
        if (!inbox.firstDelivery(config.serviceName(), decoded.context().eventId())) {
            return false;
        }
        for (EventHandler handler : decoded.handlers()) {
            handler.handle(decoded.event(), decoded.context());
        }
        return true;
    }
}
