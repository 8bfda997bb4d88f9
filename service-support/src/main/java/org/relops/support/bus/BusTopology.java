package org.relops.support.bus;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.model.Bus;

import com.rabbitmq.client.Channel;

/**
 * Declares the queues a service owns. Dead-lettering is done by the consumer itself (it publishes
 * to the dead-letter queue with the reason), so queues need no broker-specific arguments besides
 * the queue type.
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

    public Map<String, Object> queueArguments() {
        Map<String, Object> arguments = new HashMap<>();
        if (config.quorumQueues()) {
            arguments.put("x-queue-type", "quorum");
        }
        return arguments;
    }
}
