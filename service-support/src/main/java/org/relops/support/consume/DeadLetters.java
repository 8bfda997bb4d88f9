package org.relops.support.consume;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.model.Bus;
import org.relops.support.bus.BusConfig;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Moves a message that cannot be handled to the service's dead-letter queue, with the reason and
 * the queue it came from in its headers. Works the same on every AMQP 0-9-1 broker because it does
 * not depend on broker-side dead-lettering.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final int MAX_REASON_LENGTH = 1000;

    @Inject
    BusConfig config;

    @Inject
    MeterRegistry metrics;

    /** Publishes the message to the dead-letter queue and waits for the broker's confirm. */
    public void send(Channel channel, String fromQueue, AMQP.BasicProperties original, byte[] body, String reason)
            throws IOException, InterruptedException, TimeoutException {
        String shortReason = reason == null ? "unknown" : reason.length() > MAX_REASON_LENGTH
                ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        Map<String, Object> headers = new HashMap<>();
        if (original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        headers.put(Bus.DEAD_LETTER_REASON_HEADER, shortReason);
        headers.put(Bus.DEAD_LETTER_QUEUE_HEADER, fromQueue);
        AMQP.BasicProperties properties = VouchedPublisher.republished(original, headers, config.username()).builder()
                .deliveryMode(2).build();
        channel.basicPublish("", Bus.deadLetterQueue(config.serviceName()), properties, body);
        channel.waitForConfirmsOrDie(10_000);
        metrics.counter("relops.bus.messages.dead.lettered", "queue", fromQueue).increment();
        LOG.warnf("dead-lettered a message from %s (id %s): %s", fromQueue, original.getMessageId(), shortReason);
    }
}
