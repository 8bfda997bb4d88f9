package org.relops.support.consume;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;
import org.relops.model.Bus;
import org.relops.model.envelope.MalformedEventException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Consumes one queue with manual acknowledgement. A message is acknowledged only after its
 * processing committed; a poison message is dead-lettered with the reason; a message whose
 * processing fails is put back with its attempt count raised, and dead-lettered with the last error
 * once it has used up its attempts. The consumer never stops on a bad message.
 */
final class QueueConsumer extends DefaultConsumer {

    private static final Logger LOG = Logger.getLogger(QueueConsumer.class);

    private final String queue;
    private final DeliveryProcessor processor;
    private final DeadLetters deadLetters;
    private final int maxAttempts;

    QueueConsumer(Channel channel, String queue, DeliveryProcessor processor, DeadLetters deadLetters, int maxAttempts) {
        super(channel);
        this.queue = queue;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        Channel channel = getChannel();
        try {
            processInRequestContext(body, properties);
        } catch (PoisonMessageException | MalformedEventException e) {
            deadLetter(properties, body, e.getMessage());
        } catch (Exception e) {
            retryOrDeadLetter(properties, body, e);
        }
        channel.basicAck(envelope.getDeliveryTag(), false);
    }

    private void processInRequestContext(byte[] body, AMQP.BasicProperties properties) throws Exception {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            processor.process(body, properties);
        } finally {
            requestContext.terminate();
        }
    }

    private void retryOrDeadLetter(AMQP.BasicProperties properties, byte[] body, Exception error) throws IOException {
        int attempts = attempts(properties) + 1;
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (attempts >= maxAttempts) {
            deadLetter(properties, body, "failed " + attempts + " times, last: " + reason);
            return;
        }
        LOG.warnf(error, "handling a message from %s failed (attempt %d of %d); putting it back", queue, attempts,
                maxAttempts);
        Map<String, Object> headers = new HashMap<>();
        if (properties.getHeaders() != null) {
            headers.putAll(properties.getHeaders());
        }
        headers.put(Bus.ATTEMPTS_HEADER, attempts);
        try {
            getChannel().basicPublish("", queue, properties.builder().headers(headers).build(), body);
            getChannel().waitForConfirmsOrDie(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while putting a message back on " + queue, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("no confirm while putting a message back on " + queue, e);
        }
    }

    private void deadLetter(AMQP.BasicProperties properties, byte[] body, String reason) throws IOException {
        try {
            deadLetters.send(getChannel(), queue, properties, body, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while dead-lettering a message from " + queue, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("no confirm while dead-lettering a message from " + queue, e);
        }
    }

    private static int attempts(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(Bus.ATTEMPTS_HEADER);
        return value instanceof Number number ? number.intValue() : 0;
    }
}
