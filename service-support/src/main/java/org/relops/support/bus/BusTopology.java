package org.relops.support.bus;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.model.Bus;
import org.relops.model.event.EventConsumers;

import com.rabbitmq.client.Channel;

/**
 * Declares the queues a service owns, and at connection the whole event topology (every consumer's event queue
 * and its bindings, from {@link EventConsumers}), so that an event published before its consumer first connected
 * still reaches it. Dead-lettering is done by the consumer itself (it publishes to the dead-letter queue with
 * the reason), so queues need no broker-specific arguments besides the queue type.
 */
@ApplicationScoped
public class BusTopology {

    @Inject
    BusConfig config;

    /** Declares a durable work queue and its dead-letter queue. */
    public void declareWorkQueue(Channel channel, String queue) throws IOException {
        channel.queueDeclare(Bus.deadLetterQueue(config.serviceName()), true, false, false, queueArguments());
        channel.queueDeclare(queue, true, false, false, queueArguments());
    }

    /** Every consuming service's event queue, bound to the event types it consumes (idempotent). */
    public void declareEventRoutes(Channel channel) throws IOException {
        for (Map.Entry<String, Set<String>> service : EventConsumers.byService().entrySet()) {
            String queue = Bus.eventQueue(service.getKey());
            channel.queueDeclare(queue, true, false, false, queueArguments());
            for (String type : service.getValue()) {
                channel.queueBind(queue, Bus.EVENTS_EXCHANGE, type);
            }
        }
    }

    public Map<String, Object> queueArguments() {
        Map<String, Object> arguments = new HashMap<>();
        if (config.quorumQueues()) {
            arguments.put("x-queue-type", "quorum");
        }
        return arguments;
    }
}
